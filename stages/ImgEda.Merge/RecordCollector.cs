using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;

namespace ImgEda.Merge;

/// <summary>Reads every per-image record of every input (any JSON object with "input" and "path") and joins them by
/// (input, path), whatever the inputs are named. Thumbnails are found by listing the thumbs step's output. Handed the
/// previous output's <see cref="RecordSnapshot"/> and what changed since, it reads only the changed files.</summary>
public static class RecordCollector
{
    /// <summary><paramref name="Sources"/>: every record file read or reused, by input and path (the next snapshot);
    /// <paramref name="Reused"/>: how many came from the previous snapshot instead of the disk.</summary>
    public sealed record Collected(IReadOnlyList<ImageEntry> Entries, IReadOnlyDictionary<string, int> RecordsPerInput, int Unreadable,
        IReadOnlyList<RecordSource> Sources, int Reused);

    public static Collected Collect(PfsLayout layout, Action<string> warn, RecordSnapshot.Contents? previous = null, ChangedFiles? changed = null)
    {
        var (sources, reused) = Sources(layout, previous, changed);
        var records = new ConcurrentBag<(string Source, string File, JsonObject Record)>();
        var unreadable = 0;
        Parallel.ForEach(sources, source =>
        {
            try
            {
                if (JsonNode.Parse(source.Bytes) is JsonObject o && o["input"] is JsonValue && o["path"] is JsonValue)
                    records.Add((source.Input, source.File, o));
            }
            catch (JsonException e)
            {
                Interlocked.Increment(ref unreadable);
                warn($"{source.Input}/{source.File}: not a readable record ({e.Message})");
            }
        });
        var thumbnails = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in layout.Inputs)
            foreach (var (key, path) in Thumbnails(layout.InputDirectory(input))) thumbnails[key] = $"{input}/{path}";

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
        return new Collected(entries, perInput, unreadable, sources, reused);
    }

    /// <summary>The record files' bytes, sorted by input and path: from the disk, or, when the previous snapshot holds
    /// every input and the changes cover every input, the unchanged ones from the snapshot and only the rest from the
    /// disk. A file that cannot be read counts as an unreadable record, now and in later runs.</summary>
    private static (List<RecordSource> Sources, int Reused) Sources(PfsLayout layout, RecordSnapshot.Contents? previous, ChangedFiles? changed)
    {
        var incremental = previous is not null && changed is not null && layout.Inputs.All(previous.Inputs.Contains) && changed.Covers(layout.Inputs);
        var sources = new ConcurrentBag<RecordSource>();
        var reused = 0;
        foreach (var input in layout.Inputs)
        {
            var root = layout.InputDirectory(input);
            IEnumerable<string> toRead;
            if (incremental)
            {
                var changedHere = changed!.ByInput[input];
                foreach (var ((snapshotInput, file), bytes) in previous!.Records)
                {
                    if (snapshotInput != input || changedHere.Contains(file)) continue;
                    sources.Add(new RecordSource(input, file, bytes));
                    reused++;
                }
                toRead = changedHere.Where(IsRecordFile).Where(f => File.Exists(System.IO.Path.Combine(root, f)));
            }
            else
            {
                toRead = Files(root).Select(f => System.IO.Path.GetRelativePath(root, f).Replace('\\', '/'));
            }
            Parallel.ForEach(toRead, file =>
            {
                byte[] bytes;
                try
                {
                    bytes = File.ReadAllBytes(System.IO.Path.Combine(root, file));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    bytes = [];
                }
                sources.Add(new RecordSource(input, file, bytes));
            });
        }
        return (sources.OrderBy(s => s.Input, StringComparer.Ordinal).ThenBy(s => s.File, StringComparer.Ordinal).ToList(), reused);
    }

    /// <summary>What <see cref="Files"/> lists, said of a path: a .json file outside dot-folders, not a dot-file.</summary>
    private static bool IsRecordFile(string relative) =>
        relative.EndsWith(".json", StringComparison.Ordinal) && !relative.Split('/').Any(segment => segment.StartsWith('.'));

    private static readonly EnumerationOptions VisibleTopLevel = new() { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };

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
        // Looked for where they can be, not by walking the input (which holds 20,000 records and ledgers).
        var outRoots = Directory.EnumerateDirectories(root, "*", VisibleTopLevel).Prepend(root)
            .Where(dir => Directory.Exists(System.IO.Path.Combine(dir, ".imgeda", "thumbs")));
        foreach (var outRoot in outRoots)
        {
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
