using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImgEda.Merge;

/// <summary>diff.json: what changed since the previous manifest, by (input, path). Lines are compared as written
/// (merge writes a record the same way every time); only an image whose line differs is parsed to name the changed
/// fields, so comparing 10,000 unchanged images costs a byte comparison each.</summary>
public static class ManifestDiff
{
    public static JsonObject Compare(IReadOnlyList<byte[]> previousLines, IReadOnlyList<ImageEntry> current, IReadOnlyList<byte[]> currentLines)
    {
        var before = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var line in previousLines)
            if (KeyOf(line) is { } key) before[key] = line;
        var now = current.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var changed = new JsonArray();
        var unchanged = 0;
        for (var i = 0; i < current.Count; i++)
        {
            if (!before.TryGetValue(current[i].Key, out var old)) continue;
            var fields = old.AsSpan().SequenceEqual(currentLines[i]) ? [] : ChangedFields(JsonNode.Parse(old)!.AsObject(), JsonNode.Parse(currentLines[i])!.AsObject());
            if (fields.Count == 0) unchanged++;
            else changed.Add(new JsonObject { ["path"] = current[i].Key, ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]) });
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
            .Where(name => !JsonNode.DeepEquals(now[name], old[name]))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>"input/path" of a manifest line (as <see cref="ImageEntry.Key"/>), or null for the meta line or a line
    /// that is not a record.</summary>
    private static string? KeyOf(byte[] line)
    {
        string? input = null, path = null;
        var reader = new Utf8JsonReader(line);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "input" && reader.TokenType == JsonTokenType.String) input = reader.GetString();
                else if (name == "path" && reader.TokenType == JsonTokenType.String) path = reader.GetString();
                else reader.Skip();
                if (input is not null && path is not null) return $"{input}/{path}";
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }
}
