using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;

namespace ImgEda.Merge;

/// <summary>manifest.jsonl (a meta line, then one joined record per image) and manifest.csv (the same, flattened:
/// nested fields become "exif.camera_make"; columns in the order they first appear, so the order is stable).</summary>
public static class ManifestWriter
{
    public const string MetaKey = "__manifest_meta__";

    public static byte[] Jsonl(JsonObject meta, IReadOnlyList<ImageEntry> entries)
    {
        var text = new StringBuilder();
        text.Append(new JsonObject { [MetaKey] = meta }.ToJsonString()).Append('\n');
        foreach (var e in entries) text.Append(e.Fields.ToJsonString()).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static IReadOnlyList<ImageEntry> ReadJsonl(string path) =>
        File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line => JsonNode.Parse(line) as JsonObject)
            .Where(o => o is not null && o[MetaKey] is null && o["input"] is JsonValue && o["path"] is JsonValue)
            .Select(o => new ImageEntry((string)o!["input"]!, (string)o["path"]!, o))
            .ToList();

    public static byte[] Csv(IReadOnlyList<ImageEntry> entries)
    {
        var rows = entries.Select(e => Flatten(e.Fields)).ToList();
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows) foreach (var key in row.Keys) if (seen.Add(key)) columns.Add(key);

        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions(), leaveOpen: true))
        {
            csv.WriteHeader([.. columns]);
            foreach (var row in rows) csv.WriteRecord([.. columns.Select(c => row.GetValueOrDefault(c))]);
        }
        return buffer.ToArray();
    }

    private static Dictionary<string, string?> Flatten(JsonObject fields)
    {
        var flat = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Add(string prefix, JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, value) in o) Add(prefix.Length == 0 ? name : $"{prefix}.{name}", value);
                    break;
                // Values read from the records keep their JSON text: no re-serialisation per field (10k rows x 60 columns).
                case JsonValue v when v.TryGetValue<JsonElement>(out var element):
                    flat[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    flat[prefix] = v.GetValue<string>();
                    break;
                case null:
                    flat[prefix] = null;
                    break;
                default:
                    flat[prefix] = node.ToJsonString();
                    break;
            }
        }
        Add("", fields);
        return flat;
    }
}
