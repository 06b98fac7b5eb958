using System.Text.Json;
using System.Text.Json.Nodes;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;

namespace ImgEda.Merge;

/// <summary>The annotations step's output among merge's inputs (the input holding annotations.json at its root): each
/// image's facts in image_annotations.jsonl (one line per image: input, path, annotations) become the "annotations"
/// field of its manifest line, and annotations.json goes into merge's output as it is, so gate and plot find the
/// label facts beside summary.json (they mount merge alone). One file of lines rather than a record file per image:
/// creating 10,000 small files cost the step more than reading the whole dataset.</summary>
public static class AnnotationsJoin
{
    public const string ReportFile = "annotations.json", FactsFile = "image_annotations.jsonl", Field = "annotations";

    private static readonly byte[] FieldName = System.Text.Encoding.UTF8.GetBytes($"\"{Field}\":");

    /// <summary>The first input (by name) holding annotations.json, or null.</summary>
    public static string? FindInput(PfsLayout layout) => layout.Inputs.Order(StringComparer.Ordinal)
        .FirstOrDefault(i => File.Exists(Path.Combine(layout.InputDirectory(i), ReportFile)));

    /// <summary>The lines with each image's facts set, and taken away from a line (kept from a previous manifest)
    /// whose image has none now; a line the facts do not touch stays as it is.</summary>
    public static List<ManifestLine> Apply(IReadOnlyList<ManifestLine> lines, string inputDirectory,
        Action<string> warn)
    {
        var facts = ReadFacts(Path.Combine(inputDirectory, FactsFile), warn);
        var joined = new ManifestLine[lines.Count];
        Parallel.For(0, lines.Count, i =>
        {
            var line = lines[i];
            var fact = facts.GetValueOrDefault(line.Key);
            if (fact is null && line.Bytes.AsSpan().IndexOf(FieldName) < 0)
            {
                joined[i] = line;
                return;
            }
            var record = JsonNode.Parse(line.Bytes)!.AsObject();
            if (fact is null) record.Remove(Field);
            else record[Field] = fact.DeepClone();
            var bytes = JsonSerializer.SerializeToUtf8Bytes(record, ManifestJson.Default.JsonObject);
            joined[i] = ManifestLine.Parse(bytes)!;
        });
        return [.. joined];
    }

    public static void CopyReport(string inputDirectory, string outDir) =>
        AtomicFile.Copy(Path.Combine(inputDirectory, ReportFile), Path.Combine(outDir, ReportFile));

    /// <summary>Facts by image key ("input/path"); a line that is not such a record is said and skipped.</summary>
    private static Dictionary<string, JsonNode> ReadFacts(string path, Action<string> warn)
    {
        var facts = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        if (!File.Exists(path)) return facts;
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (text.Length == 0) continue;
            try
            {
                if (JsonNode.Parse(text) is JsonObject { } record && record["input"] is JsonValue input
                    && record["path"] is JsonValue image && record[Field] is { } fact
                    && input.TryGetValue(out string? inputName) && image.TryGetValue(out string? imagePath))
                {
                    facts[$"{inputName}/{imagePath}"] = fact;
                    continue;
                }
            }
            catch (JsonException)
            {
                // Said below.
            }
            warn($"{path}:{number}: not an image's annotation facts (input, path, {Field})");
        }
        return facts;
    }
}
