using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;

namespace ImgEda.Merge;

/// <summary>Reads every per-image record of every input (any JSON object with "input" and "path") and joins them by
/// (input, path), whatever the inputs are named. Thumbnails are found by listing the thumbs step's output.</summary>
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
            Parallel.ForEach(Files(root), file =>
            {
                var relative = System.IO.Path.GetRelativePath(root, file).Replace('\\', '/');
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
            });
            foreach (var (key, path) in Thumbnails(root)) thumbnails[key] = $"{input}/{path}";
        }

        var joined = new Dictionary<string, ImageEntry>(StringComparer.Ordinal);
        var perInput = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (source, _, record) in records.OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.File, StringComparer.Ordinal))
        {
            var key = new ImageEntry((string)record["input"]!, (string)record["path"]!, record).Key;
            if (!joined.TryGetValue(key, out var entry))
            {
                // The first record of an image becomes its entry as it is: no copy.
                joined[key] = new ImageEntry((string)record["input"]!, (string)record["path"]!, record);
            }
            else
            {
                foreach (var (name, value) in record.ToList())
                {
                    // The first input (by name) that states a fact wins; a later one only fills in what is missing or
                    // null. The value moves over (records are read once): no deep copy.
                    if (entry.Fields[name] is not null) continue;
                    record.Remove(name);
                    entry.Fields[name] = value;
                }
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

    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };

    // .NET counts a dot-name as hidden on Unix: this skips dot-files and never descends into dot-folders (ledgers).
    private static readonly EnumerationOptions VisibleOnly = new() { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };

    /// <summary>Every JSON file under <paramref name="root"/>, skipping dot-files and dot-folders (ledgers, temporary files).</summary>
    private static IEnumerable<string> Files(string root) => Directory.EnumerateFiles(root, "*.json", VisibleOnly);

    /// <summary>Thumbnails of the thumbs step's outputs, wherever such an output sits in the input (at its root, or one
    /// folder per Argo shard; its ledger folder .imgeda/thumbs marks it): key "input/path", value the thumbnail's path
    /// inside the input. A thumbnail is named "&lt;input&gt;/&lt;path&gt;" plus one extension, so the listing alone gives
    /// the key: no need to open 10,000 ledgers. A name shortened to fit 255 bytes hides its path and gets no thumbnail.</summary>
    private static IEnumerable<(string Key, string Path)> Thumbnails(string root)
    {
        foreach (var ledgers in Directory.EnumerateDirectories(root, "thumbs", Recursive).Where(d => System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(d)) == ".imgeda"))
        {
            var outRoot = System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(ledgers))!;
            foreach (var thumbnail in Directory.EnumerateFiles(outRoot, "*", VisibleOnly))
            {
                var relative = System.IO.Path.GetRelativePath(outRoot, thumbnail).Replace('\\', '/');
                var dot = relative.LastIndexOf('.');
                if (dot <= relative.LastIndexOf('/') + 1 || relative.EndsWith(".json", StringComparison.Ordinal)) continue;
                yield return (relative[..dot], System.IO.Path.GetRelativePath(root, thumbnail).Replace('\\', '/'));
            }
        }
    }
}
