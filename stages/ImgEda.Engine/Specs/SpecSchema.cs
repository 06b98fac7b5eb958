using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ImgEda.Engine.Specs;

/// <summary>Pachyderm's CreatePipelineRequest JSON schema (vendored), checked as pachctl would: a misspelled field, a
/// string where a list belongs or a number where a string belongs is refused with the field's path, before the engine
/// reads anything. The subset of JSON schema it uses: $ref, type, oneOf of types, properties, additionalProperties,
/// items, enum and pattern.</summary>
public static class SpecSchema
{
    private static readonly Lazy<JsonObject> Root = new(() =>
    {
        using var stream = typeof(SpecSchema).Assembly.GetManifestResourceStream("CreatePipelineRequest.schema.json")
            ?? throw new InvalidOperationException("the pipeline schema is not embedded in imgeda");
        return JsonNode.Parse(stream)!.AsObject();
    });

    /// <summary>The first problem found (the field's path and what is wrong), or null for a valid spec.</summary>
    public static string? Problem(JsonNode? spec) => Check(spec, Resolve(Root.Value), "the spec");

    private static JsonObject Resolve(JsonObject schema)
    {
        if (schema["$ref"]?.GetValue<string>() is not { } reference) return schema;
        var name = reference[(reference.LastIndexOf('/') + 1)..];
        var target = Root.Value["definitions"]![name]!.AsObject();
        // The properties beside a $ref (additionalProperties, oneOf) only restate the target's.
        return Resolve(target);
    }

    private static string? Check(JsonNode? node, JsonObject schema, string path)
    {
        var types = Types(schema);
        var kind = KindOf(node);
        if (types.Count > 0 && !types.Contains(kind) && !(kind == "integer" && types.Contains("number")))
            return $"{path}: expected {string.Join(" or ", types.Where(t => t != "null"))}, got {Describe(node, kind)}";
        if (schema["enum"] is JsonArray allowed && node is not null
            && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
            return $"{path}: {Describe(node, kind)} is not one of {allowed.ToJsonString()}";
        if (schema["pattern"]?.GetValue<string>() is { } pattern && node is JsonValue text && kind == "string"
            && !Regex.IsMatch(text.GetValue<string>(), pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            return $"{path}: '{text.GetValue<string>()}' does not match {pattern}";
        switch (node)
        {
            case JsonObject obj:
                var properties = schema["properties"] as JsonObject;
                foreach (var (key, value) in obj)
                {
                    var field = path == "the spec" ? key : $"{path}.{key}";
                    string? problem;
                    if (properties?[key] is JsonObject property) problem = Check(value, Resolve(property), field);
                    else if (schema["additionalProperties"] is JsonObject extra)
                        problem = Check(value, Resolve(extra), field);
                    else if (properties is not null)
                        problem = $"{field}: unknown field (not in Pachyderm's pipeline spec)";
                    else problem = null;
                    if (problem is not null) return problem;
                }
                return null;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                    if (Check(array[i], Resolve(items), $"{path}[{i}]") is { } problem) return problem;
                return null;
            default:
                return null;
        }
    }

    private static HashSet<string> Types(JsonObject schema)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        if (schema["type"]?.GetValue<string>() is { } type) types.Add(type);
        if (schema["oneOf"] is JsonArray options)
        {
            // {} among the options allows anything the $ref allows: no constraint from here.
            if (options.Any(o => o is JsonObject { Count: 0 })) return schema["type"] is null ? [] : types;
            foreach (var option in options)
                if (option?["type"]?.GetValue<string>() is { } t) types.Add(t);
        }
        return types;
    }

    private static string KindOf(JsonNode? node) => node?.GetValueKind() switch
    {
        null or System.Text.Json.JsonValueKind.Null => "null",
        System.Text.Json.JsonValueKind.Object => "object",
        System.Text.Json.JsonValueKind.Array => "array",
        System.Text.Json.JsonValueKind.String => "string",
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
        _ => node.AsValue().TryGetValue<long>(out _) ? "integer" : "number",
    };

    private static string Describe(JsonNode? node, string kind) =>
        kind == "null" ? "null" : $"{kind} {Shorten(node!.ToJsonString())}";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
