using System.Text.Json.Nodes;
using ImgEda.Core.Pfs;

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
        var before = BytesByKey(previous);
        var now = BytesByKey(current);
        var changes = PathChanges.Between(before, now, SameBytes.Instance);
        var changed = new JsonArray();
        foreach (var key in changes.Changed)
        {
            var fields = ChangedFields(JsonNode.Parse(before[key])!.AsObject(), JsonNode.Parse(now[key])!.AsObject());
            if (fields.Count == 0) continue;
            // Added as a JsonNode: the generic Add<T>, which C# would pick, may wrap any T by reflection and so is
            // marked unsafe under trimming and Native AOT.
            var entry = new JsonObject
            {
                ["path"] = key,
                ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]),
            };
            changed.Add((JsonNode)entry);
        }
        return new JsonObject
        {
            ["added"] = new JsonArray([.. changes.Added.Select(k => (JsonNode)k)]),
            ["removed"] = new JsonArray([.. changes.Removed.Select(k => (JsonNode)k)]),
            ["changed"] = changed,
            ["unchanged_count"] = now.Count - changes.Added.Count - changed.Count,
        };
    }

    private static Dictionary<string, byte[]> BytesByKey(IReadOnlyList<ManifestLine> lines)
    {
        var byKey = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var line in lines) byKey[line.Key] = line.Bytes;
        return byKey;
    }

    private sealed class SameBytes : IEqualityComparer<byte[]>
    {
        public static readonly SameBytes Instance = new();

        public bool Equals(byte[]? a, byte[]? b) => a.AsSpan().SequenceEqual(b);

        public int GetHashCode(byte[] bytes) => bytes.Length;
    }

    private static List<string> ChangedFields(JsonObject old, JsonObject now) =>
        now.Select(p => p.Key).Union(old.Select(p => p.Key))
            .Where(name => name == Location
                ? (now[name] is null) != (old[name] is null)
                : !JsonNode.DeepEquals(now[name], old[name]))
            .Order(StringComparer.Ordinal).ToList();
}
