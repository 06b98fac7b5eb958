using System.Text.Json.Nodes;

namespace ImgEda.Merge;

/// <summary>diff.json: what changed since the previous manifest, by (input, path).</summary>
public static class ManifestDiff
{
    public static JsonObject Compare(IReadOnlyList<ImageEntry> previous, IReadOnlyList<ImageEntry> current)
    {
        var before = previous.ToDictionary(e => e.Key, StringComparer.Ordinal);
        var now = current.ToDictionary(e => e.Key, StringComparer.Ordinal);
        var changed = new JsonArray();
        var unchanged = 0;
        foreach (var entry in current)
        {
            if (!before.TryGetValue(entry.Key, out var old)) continue;
            var fields = entry.Fields.Select(p => p.Key).Union(old.Fields.Select(p => p.Key))
                .Where(name => !JsonNode.DeepEquals(entry.Fields[name], old.Fields[name]))
                .Order(StringComparer.Ordinal).ToList();
            if (fields.Count == 0) unchanged++;
            else changed.Add(new JsonObject { ["path"] = entry.Key, ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]) });
        }
        return new JsonObject
        {
            ["added"] = new JsonArray([.. current.Where(e => !before.ContainsKey(e.Key)).Select(e => (JsonNode)e.Key)]),
            ["removed"] = new JsonArray([.. previous.Where(e => !now.ContainsKey(e.Key)).Select(e => (JsonNode)e.Key)]),
            ["changed"] = changed,
            ["unchanged_count"] = unchanged,
        };
    }
}
