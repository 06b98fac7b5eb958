using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImgEda.Merge;

/// <summary>diff.json: what changed since the previous manifest, by (input, path). Lines are compared as written
/// (merge writes a record the same way every time); only an image whose line differs is parsed to name the changed
/// fields, so comparing 10,000 unchanged images costs a byte comparison each. `thumbnail` is where the thumbnail
/// is stored: it moves when an Argo shard's fingerprint does, so only its appearing or going is a change.</summary>
public static class ManifestDiff
{
    private const string Location = "thumbnail";

    public static JsonObject Compare(IReadOnlyList<ManifestLine> previous, IReadOnlyList<ManifestLine> current)
    {
        var before = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var line in previous) before[line.Key] = line.Bytes;
        var now = current.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var changed = new JsonArray();
        var unchanged = 0;
        foreach (var line in current)
        {
            if (!before.TryGetValue(line.Key, out var old)) continue;
            var fields = old.AsSpan().SequenceEqual(line.Bytes) ? [] : ChangedFields(JsonNode.Parse(old)!.AsObject(), JsonNode.Parse(line.Bytes)!.AsObject());
            if (fields.Count == 0) unchanged++;
            // Added as a JsonNode: the generic Add<T>, which C# would pick, may wrap any T by reflection and so is
            // marked unsafe under trimming and Native AOT.
            else changed.Add((JsonNode)new JsonObject
                { ["path"] = line.Key, ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]) });
        }
        return new JsonObject
        {
            ["added"] = new JsonArray([.. current.Where(e => !before.ContainsKey(e.Key)).Select(e => (JsonNode)e.Key)]),
            ["removed"] = new JsonArray([.. before.Keys.Where(k => !now.Contains(k)).Select(k => (JsonNode)k)]),
            ["changed"] = changed,
            ["unchanged_count"] = unchanged,
        };
    }

    private static List<string> ChangedFields(JsonObject old, JsonObject now) =>
        now.Select(p => p.Key).Union(old.Select(p => p.Key))
            .Where(name => name == Location
                ? (now[name] is null) != (old[name] is null)
                : !JsonNode.DeepEquals(now[name], old[name]))
            .Order(StringComparer.Ordinal).ToList();
}
