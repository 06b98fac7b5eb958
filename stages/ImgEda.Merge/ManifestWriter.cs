using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;

namespace ImgEda.Merge;

/// <summary>manifest.jsonl (a meta line, then one joined record per image) and manifest.csv (the same, flattened:
/// nested fields become "exif.camera_make"; columns in the order they first appear, so the order is stable).
/// Both are made from each record serialised once (<see cref="Lines"/>): the CSV reads those bytes back with a
/// forward-only reader instead of walking the records again, so it can be written while the summary reads
/// them.</summary>
public static class ManifestWriter
{
    public const string MetaKey = "__manifest_meta__";

    /// <summary>Each entry as one line of UTF-8 JSON (no newline). Entries share no nodes, so they serialise side by
    /// side.</summary>
    public static List<ManifestLine> Lines(IReadOnlyList<ImageEntry> entries)
    {
        var lines = new ManifestLine[entries.Count];
        Parallel.For(0, entries.Count, i => lines[i] = ManifestLine.Parse(
                JsonSerializer.SerializeToUtf8Bytes(entries[i].Fields, ManifestJson.Default.JsonObject))
            ?? throw new InvalidOperationException($"{entries[i].Key}: its line is no record"));
        return [.. lines];
    }

    /// <summary>The image lines among <paramref name="lines"/> (a manifest's, as <see cref="ReadLines"/> gives
    /// them), in their order, parsed side by side.</summary>
    public static List<ManifestLine> Images(IReadOnlyList<byte[]> lines)
    {
        var parsed = new ManifestLine?[lines.Count];
        Parallel.For(0, lines.Count, i => parsed[i] = ManifestLine.Parse(lines[i]));
        return [.. parsed.OfType<ManifestLine>()];
    }

    public static byte[] Jsonl(JsonObject meta, IReadOnlyList<ManifestLine> lines)
    {
        using var buffer = new MemoryStream();
        var metaLine = new JsonObject { [MetaKey] = meta };
        buffer.Write(JsonSerializer.SerializeToUtf8Bytes(metaLine, ManifestJson.Default.JsonObject));
        buffer.WriteByte((byte)'\n');
        foreach (var line in lines)
        {
            buffer.Write(line.Bytes);
            buffer.WriteByte((byte)'\n');
        }
        return buffer.ToArray();
    }

    /// <summary>A manifest.jsonl's lines as written (the meta line first), for comparing them byte for byte.</summary>
    public static List<byte[]> ReadLines(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var lines = new List<byte[]>();
        for (var start = 0; start < bytes.Length;)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0) end = bytes.Length;
            if (end > start) lines.Add(bytes[start..end]);
            start = end + 1;
        }
        return lines;
    }

    /// <summary>created_at of a manifest's meta line, or null when the line is not one.</summary>
    public static string? CreatedAt(byte[] metaLine)
    {
        try
        {
            return (string?)(JsonNode.Parse(metaLine)?[MetaKey]?["created_at"] as JsonValue);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    public static byte[] Csv(IReadOnlyList<ManifestLine> lines)
    {
        // Two passes over the lines instead of keeping every field's text until the columns are known (600,000 strings
        // for 10,000 images, which the garbage collector then copies from generation to generation): the leaves' names
        // first (lines share them), then blocks of rows, each written as it is read.
        var interned = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var names = new string[lines.Count][];
        Parallel.For(0, lines.Count, i =>
        {
            var row = new List<string>(64);
            FlatLeaves.Visit(lines[i].Bytes, (name, _, _) => row.Add(interned.GetOrAdd(name!, name!)),
                names: true, values: false);
            names[i] = [.. row];
        });
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in names) foreach (var name in row) if (seen.Add(name)) columns.Add(name);
        // An empty dataset still gets a CSV with a header (CsvHelper refuses a record of no fields).
        if (columns.Count == 0) columns.AddRange(["input", "path"]);

        var index = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        // Rows do not depend on each other: blocks of them are written side by side, then joined after the header.
        var blocks = new byte[(lines.Count + CsvBlock - 1) / CsvBlock][];
        Parallel.For(0, blocks.Length, b =>
        {
            using var block = new MemoryStream();
            using (var csv = CsvWriter.Create(block, new CsvWriterOptions(), leaveOpen: true))
            {
                var record = new string?[columns.Count];
                for (var i = b * CsvBlock; i < Math.Min(lines.Count, (b + 1) * CsvBlock); i++)
                {
                    Array.Clear(record);
                    var (row, leaf) = (names[i], 0);
                    // Text only (numbers such as -1.5 are written as they are): a formula-looking cell is defused.
                    FlatLeaves.Visit(lines[i].Bytes, (_, kind, value) => record[index[row[leaf++]]] =
                            kind == JsonTokenType.String ? SpreadsheetCell.Neutralized(value) : value,
                        names: false, values: true);
                    csv.WriteRecord(record);
                }
            }
            blocks[b] = block.ToArray();
        });
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions(), leaveOpen: true))
            csv.WriteHeader([.. columns.Select(c => SpreadsheetCell.Neutralized(c)!)]);
        foreach (var block in blocks) buffer.Write(block);
        return buffer.ToArray();
    }

    private const int CsvBlock = 1000;
}
