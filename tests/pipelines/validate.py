#!/usr/bin/python3
"""Validates pipeline files against the vendored JSON Schemas (../shared/schemas), strictly: Argo's Kubernetes-style
schemas leave objects open, so every object schema that lists properties and says nothing of additionalProperties is
closed first, as `argo lint --strict` does. Usage: validate.py SCHEMAS_DIR FILE... ; prints one line per file."""
import json
import os
import sys

import jsonschema
import yaml


def closed(node):
    if isinstance(node, dict):
        node = {k: closed(v) for k, v in node.items()}
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        return node
    if isinstance(node, list):
        return [closed(v) for v in node]
    return node


schemas_dir, files = sys.argv[1], sys.argv[2:]
schemas = {
    "pachyderm": json.load(open(os.path.join(schemas_dir, "pachyderm", "CreatePipelineRequest.schema.json"))),
    "argo": closed(json.load(open(os.path.join(schemas_dir, "argo", "workflows.schema.json")))),
    "argo-events": closed(json.load(open(os.path.join(schemas_dir, "argo-events", "events.schema.json")))),
}
failed = 0
for path in files:
    doc = json.load(open(path)) if path.endswith(".json") else yaml.safe_load(open(path))
    kind = "pachyderm" if path.endswith(".json") else ("argo-events" if doc.get("kind") in ("EventSource", "Sensor", "EventBus") else "argo")
    schema = schemas[kind]
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        failed += 1
        for e in errors[:5]:
            print(f"INVALID {path}: {'/'.join(map(str, e.path))}: {e.message[:300]}")
    else:
        print(f"valid {path} ({kind})")
sys.exit(1 if failed else 0)
