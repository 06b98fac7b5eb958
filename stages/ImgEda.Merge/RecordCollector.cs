using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImgEda.Core.Pfs;

namespace ImgEda.Merge;

/// <summary>Reads every per-image record of every input (any JSON object with "input" and "path") and joins them by
/// (input, path), whatever the inputs are named. Thumbnails are found through the thumbs step's ledger folder.</summary>
public static class RecordCollector
{
    public sealed record Collected(IReadOnlyList<ImageEntry> Entries, IReadOnlyDictionary<string, int> RecordsPerInput, int Unreadable);

    public static Collected Collect(PfsLayout layout, Action<string> warn)
    {
        var records = new ConcurrentBag<(string Source, string File, JsonObject Record)>();
        var thumbnails = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var unreadable = 0;
        foreach (var input in layout.Inputs)
        {
            var root = layout.InputDirectory(input);
            var isThumbs = Directory.Exists(Path.Combine(root, ".imgeda", "thumbs"));
            Parallel.ForEach(Files(root), file =>
            {
                var relative = System.IO.Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.EndsWith(".json", StringComparison.Ordinal))
                {
                    try
                    {
                        if (JsonNode.Parse(File.ReadAllBytes(file)) is JsonObject o && o["input"] is JsonValue && o["path"] is JsonValue)
                            records.Add((input, relative, o));
                    }
                    catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
                    {
                        Interlocked.Increment(ref unreadable);
                        warn($"{input}/{relative}: not a readable record ({e.Message})");
                    }
                }
                else if (isThumbs && (relative.EndsWith(".jpg", StringComparison.Ordinal) || relative.EndsWith(".png", StringComparison.Ordinal)))
                {
                    thumbnails[relative[..relative.LastIndexOf('.')]] = $"{input}/{relative}";
                }
            });
        }

        var joined = new Dictionary<string, ImageEntry>(StringComparer.Ordinal);
        var perInput = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (source, _, record) in records.OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.File, StringComparer.Ordinal))
        {
            var entry = new ImageEntry((string)record["input"]!, (string)record["path"]!, new JsonObject());
            entry = joined.TryGetValue(entry.Key, out var existing) ? existing : joined[entry.Key] = entry;
            foreach (var (name, value) in record)
            {
                // The first input (by name) that states a fact wins; a later one only fills in what is missing or null.
                if (entry.Fields[name] is null) entry.Fields[name] = value?.DeepClone();
            }
            perInput[source] = perInput.GetValueOrDefault(source) + 1;
        }
        foreach (var entry in joined.Values)
        {
            entry.Fields["thumbnail"] = thumbnails.TryGetValue(entry.Key, out var thumb) ? thumb : null;
        }
        var entries = joined.Values.OrderBy(e => e.Input, StringComparer.Ordinal).ThenBy(e => e.Path, StringComparer.Ordinal).ToList();
        return new Collected(entries, perInput, unreadable);
    }

    /// <summary>Every file under <paramref name="root"/>, skipping dot-files and dot-folders (ledgers, temporary files).</summary>
    private static IEnumerable<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
            .Where(f => !System.IO.Path.GetRelativePath(root, f).Split('/').Any(segment => segment.StartsWith('.')));
}
