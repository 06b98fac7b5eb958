using System.Collections.Concurrent;
using System.IO.Enumeration;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;

namespace ImgEda.Merge;

/// <summary>Reads every per-image record of every input (any JSON object with "input" and "path") and joins them by
/// (input, path), whatever the inputs are named, into one manifest line per image. Thumbnails are found by listing the
/// thumbs step's output. Handed the previous output (its <see cref="RecordIndex"/> and manifest lines) and what changed
/// since, it reads only the records of the images a changed file belongs to and keeps every other image's
/// line.</summary>
public static class RecordCollector
{
    /// <param name="Lines">One per image, sorted by input and path.</param>
    /// <param name="Index">Every record file and its image: the next run's <see cref="RecordIndex"/>.</param>
    /// <param name="FilesRead">Record files read from the disk in this run.</param>
    /// <param name="LinesKept">Images whose line came from the previous manifest unchanged.</param>
    /// <param name="Layout">The dataset's layout, which gave each line its split and label.</param>
    public sealed record Collected(
        IReadOnlyList<ManifestLine> Lines,
        IReadOnlyDictionary<string, int> RecordsPerInput,
        int Unreadable,
        IReadOnlyList<RecordIndex.RecordFile> Index,
        int FilesRead,
        int LinesKept,
        DatasetLayout Layout);

    /// <summary>What the previous run wrote: its index of record files and its manifest's image lines.</summary>
    public sealed record PreviousRun(RecordIndex.Contents Index, IReadOnlyList<ManifestLine> Lines);

    private sealed record ReadRecord(RecordIndex.RecordFile File, JsonObject? Record);

    /// <param name="onlyFolders">When set, only these top-level folders of each input are read (an Argo run's shard
    /// outputs, one folder per fingerprint, among the older ones the bucket keeps).</param>
    public static Collected Collect(PfsLayout layout, Action<string> warn, PreviousRun? previous = null,
        ChangedFiles? changed = null, IReadOnlySet<string>? onlyFolders = null)
    {
        var thumbnails = Thumbnails(layout, onlyFolders);
        if (onlyFolders is null && previous is not null && changed is not null && CanBuildOn(layout, previous, changed))
            return Incremental(layout, warn, previous, changed, thumbnails);
        var files = layout.Inputs.SelectMany(input =>
        {
            var root = layout.InputDirectory(input);
            return Files(root).Select(f => (input, Relative(root, f)))
                .Where(f => onlyFolders is null || onlyFolders.Contains(f.Item2.Split('/')[0]));
        }).ToList();
        var read = Read(layout, files, warn);
        var dataset = LayoutOf(read.Select(r => r.File));
        return Result(Join(read, thumbnails, dataset), read.Select(r => r.File), read.Count, 0, dataset);
    }

    /// <summary>The previous run covers the same inputs, the changes cover every input, and its index and manifest name
    /// the same images (a manifest from another run would not).</summary>
    private static bool CanBuildOn(PfsLayout layout, PreviousRun previous, ChangedFiles changed)
    {
        var sameInputs = previous.Index.Inputs.ToHashSet(StringComparer.Ordinal).SetEquals(layout.Inputs);
        if (!sameInputs || !changed.Covers(layout.Inputs)) return false;
        var indexed = previous.Index.Files.Select(f => f.Key).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var lined = previous.Lines.Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        return lined.Count == previous.Lines.Count && lined.SetEquals(indexed);
    }

    /// <summary>An image's line depends on its own records and thumbnail only: the images a changed file was or is a
    /// record of, and those whose thumbnail changed, are joined again from their records; the rest keep their
    /// line.</summary>
    private static Collected Incremental(
        PfsLayout layout,
        Action<string> warn,
        PreviousRun previous,
        ChangedFiles changed,
        IReadOnlyDictionary<string, string> thumbnails)
    {
        var index = previous.Index.Files.ToDictionary(f => (f.Input, f.File));
        var affected = new HashSet<string>(StringComparer.Ordinal);
        var changedFiles = new List<(string Input, string File)>();
        foreach (var input in layout.Inputs)
        {
            var root = layout.InputDirectory(input);
            foreach (var file in changed.ByInput[input])
            {
                if (index.Remove((input, file), out var old) && old.Key is not null) affected.Add(old.Key);
                if (IsRecordFile(file) && File.Exists(System.IO.Path.Combine(root, file)))
                    changedFiles.Add((input, file));
            }
        }
        var fresh = Read(layout, changedFiles, warn);
        foreach (var record in fresh)
        {
            index[(record.File.Input, record.File.File)] = record.File;
            if (record.File.Key is not null) affected.Add(record.File.Key);
        }
        foreach (var line in previous.Lines)
            if (thumbnails.GetValueOrDefault(line.Key) != line.Thumbnail) affected.Add(line.Key);
        // A split or label follows from the whole dataset's layout: an image whose place changed with the layout (a
        // second class folder makes a classification of a flat dataset) is joined again too.
        var dataset = LayoutOf(index.Values);
        foreach (var line in previous.Lines)
            if (dataset.Place(line.Path) != (line.Split, line.Label)) affected.Add(line.Key);

        var freshFiles = changedFiles.ToHashSet();
        var unchanged = index.Values
            .Where(f => f.Key is not null && affected.Contains(f.Key) && !freshFiles.Contains((f.Input, f.File)))
            .Select(f => (f.Input, f.File))
            .ToList();
        var rejoined = Join([.. fresh, .. Read(layout, unchanged, warn)], thumbnails, dataset);
        var kept = previous.Lines.Where(l => !affected.Contains(l.Key)).ToList();
        var lines = kept.Concat(rejoined)
            .OrderBy(l => l.Input, StringComparer.Ordinal)
            .ThenBy(l => l.Path, StringComparer.Ordinal)
            .ToList();
        return Result(lines, index.Values, changedFiles.Count + unchanged.Count, kept.Count, dataset);
    }

    /// <summary>The layout of the images the record files belong to (a key is "input/path"; an input's name holds
    /// no '/').</summary>
    private static DatasetLayout LayoutOf(IEnumerable<RecordIndex.RecordFile> files) =>
        DatasetLayout.Detect(files.Select(f => f.Key).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(key => key[(key.IndexOf('/') + 1)..]));

    private static Collected Result(IReadOnlyList<ManifestLine> lines, IEnumerable<RecordIndex.RecordFile> files,
        int read, int kept, DatasetLayout dataset)
    {
        var index = files.ToList();
        var perInput = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in index.Where(f => f.Key is not null))
            perInput[file.Input] = perInput.GetValueOrDefault(file.Input) + 1;
        return new Collected(lines, perInput, index.Count(f => f.Unreadable), index, read, kept, dataset);
    }

    /// <summary>The files, read and parsed side by side. A file that cannot be read or parsed is an unreadable record
    /// (said once, when it is read), one that is JSON but no record is indexed with no image.</summary>
    private static List<ReadRecord> Read(PfsLayout layout, IReadOnlyList<(string Input, string File)> files,
        Action<string> warn)
    {
        var read = new ConcurrentBag<ReadRecord>();
        Parallel.ForEach(files, file =>
        {
            try
            {
                var bytes = File.ReadAllBytes(System.IO.Path.Combine(layout.InputDirectory(file.Input), file.File));
                var record = JsonNode.Parse(bytes, documentOptions: Strict) as JsonObject;
                var key = record is not null && Text(record, "input") is { } input && Text(record, "path") is { } path
                    ? $"{input}/{path}"
                    : null;
                var recordFile = new RecordIndex.RecordFile(file.Input, file.File, key, false);
                read.Add(new ReadRecord(recordFile, key is null ? null : record));
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                warn($"{file.Input}/{file.File}: not a readable record ({e.Message})");
                read.Add(new ReadRecord(new RecordIndex.RecordFile(file.Input, file.File, null, true), null));
            }
        });
        return [.. read];
    }

    // A record naming a field twice is no record (a JsonObject would throw on its first lookup).
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    private static string? Text(JsonObject record, string field) =>
        record[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The records joined by image, in (input, file) order: the first input (by name) that states a fact wins;
    /// a later one only fills in what is missing or null. Lines sorted by input and path.</summary>
    private static List<ManifestLine> Join(IEnumerable<ReadRecord> read, IReadOnlyDictionary<string, string> thumbnails,
        DatasetLayout dataset)
    {
        var joined = new Dictionary<string, ImageEntry>(StringComparer.Ordinal);
        var records = read
            .Where(r => r.Record is not null)
            .OrderBy(r => r.File.Input, StringComparer.Ordinal)
            .ThenBy(r => r.File.File, StringComparer.Ordinal)
            .Select(r => (r.File, r.Record!));
        foreach (var (file, record) in records)
        {
            if (!joined.TryGetValue(file.Key!, out var entry))
            {
                // The first record of an image becomes its entry as it is: no copy.
                joined[file.Key!] = new ImageEntry(Text(record, "input")!, Text(record, "path")!, record);
                continue;
            }
            foreach (var (name, value) in record.ToList())
            {
                // The value moves over (records are read once): no deep copy.
                if (entry.Fields[name] is not null) continue;
                record.Remove(name);
                entry.Fields[name] = value;
            }
        }
        foreach (var (key, entry) in joined)
        {
            entry.Fields["thumbnail"] = thumbnails.GetValueOrDefault(key);
            (var split, var label) = dataset.Place(entry.Path);
            entry.Fields["split"] = split;
            entry.Fields["label"] = label;
        }
        var sortedEntries = joined.Values
            .OrderBy(e => e.Input, StringComparer.Ordinal)
            .ThenBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
        return ManifestWriter.Lines(sortedEntries);
    }

    /// <summary>What <see cref="Files"/> lists, said of a path: a .json file outside the steps' bookkeeping folders
    /// (.imgeda: ledgers, merge's index), not a temporary file. An image's own name may start with a dot or sit in a
    /// dot-folder (sub/.cache/x.jpg): its records are records like any other.</summary>
    private static bool IsRecordFile(string relative) =>
        relative.EndsWith(".json", StringComparison.Ordinal) && !IsBookkeeping(relative);

    private static bool IsBookkeeping(string relative) =>
        relative.Split('/').Any(segment => segment == Bookkeeping)
        || System.IO.Path.GetFileName(relative).Contains(AtomicFile.TempMarker, StringComparison.Ordinal);

    private const string Bookkeeping = ".imgeda";

    private static readonly EnumerationOptions VisibleTopLevel =
        new() { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };

    private static readonly EnumerationOptions Everything =
        new() { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };

    /// <summary>Every file under <paramref name="root"/> named *<paramref name="extension"/>, never descending into a
    /// bookkeeping folder; temporary files left out.</summary>
    private static IEnumerable<string> Listed(string root, string extension) =>
        new FileSystemEnumerable<string>(root, (ref FileSystemEntry e) => e.ToFullPath(), Everything)
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory
                && e.FileName.EndsWith(extension, StringComparison.Ordinal)
                && !e.FileName.Contains(AtomicFile.TempMarker, StringComparison.Ordinal),
            ShouldRecursePredicate = (ref FileSystemEntry e) => !e.FileName.SequenceEqual(Bookkeeping),
        };

    /// <summary>Every JSON file under <paramref name="root"/> but bookkeeping (<see cref="IsRecordFile"/>).</summary>
    private static IEnumerable<string> Files(string root) => Listed(root, ".json");

    /// <summary>A path relative to <paramref name="root"/> as records write it: '/' between folders, and a '\\' in a
    /// name kept as it is (it is a character of the name on Linux).</summary>
    private static string Relative(string root, string path) =>
        System.IO.Path.GetRelativePath(root, path).Replace(System.IO.Path.DirectorySeparatorChar, '/');

    /// <summary>Every input's thumbnails: key "input/path", value the thumbnail's path as "&lt;input&gt;/&lt;path in
    /// it&gt;".</summary>
    private static Dictionary<string, string> Thumbnails(PfsLayout layout, IReadOnlySet<string>? onlyFolders)
    {
        var thumbnails = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in layout.Inputs)
            foreach (var (key, path) in Thumbnails(layout.InputDirectory(input), onlyFolders))
                thumbnails[key] = $"{input}/{path}";
        return thumbnails;
    }

    /// <summary>Thumbnails of the thumbs step's outputs, wherever such an output sits in the input (at its root, or
    /// one folder per Argo shard; its ledger folder .imgeda/thumbs marks it): key "input/path", value the thumbnail's
    /// path inside the input. A thumbnail is named "&lt;input&gt;/&lt;path&gt;" plus one extension, so the listing
    /// alone gives the key: no need to open 10,000 ledgers. A name shortened to fit 255 bytes hides its path and gets
    /// no thumbnail.</summary>
    private static IEnumerable<(string Key, string Path)> Thumbnails(string root, IReadOnlySet<string>? onlyFolders)
    {
        // Looked for where they can be, not by walking the input (which holds 20,000 records and ledgers).
        var outRoots = Directory.EnumerateDirectories(root, "*", VisibleTopLevel).Prepend(root)
            .Where(dir => onlyFolders is null || dir != root && onlyFolders.Contains(System.IO.Path.GetFileName(dir)))
            .Where(dir => Directory.Exists(System.IO.Path.Combine(dir, ".imgeda", "thumbs")));
        foreach (var outRoot in outRoots)
        {
            foreach (var thumbnail in Listed(outRoot, ""))
            {
                var relative = Relative(outRoot, thumbnail);
                var dot = relative.LastIndexOf('.');
                var noExtension = dot <= relative.LastIndexOf('/') + 1;
                if (noExtension || relative.EndsWith(".json", StringComparison.Ordinal)) continue;
                yield return (relative[..dot], Relative(root, thumbnail));
            }
        }
    }
}
