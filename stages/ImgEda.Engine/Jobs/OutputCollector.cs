using ImgEda.Core.Pfs;
using ImgEda.Core.Running;
using ImgEda.Engine.Datums;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Jobs;

/// <summary>Takes what a step wrote to out/ into the object store, as repo files (paths relative to out/).</summary>
public sealed class OutputCollector(ObjectStore objects)
{
    /// <summary>Every file under <paramref name="outDir"/>: one datum's outputs.</summary>
    /// <exception cref="OutputRefusedException">out/ holds a symbolic link, FIFO or device.</exception>
    public List<RepoFile> Collect(string outDir) =>
        Files(outDir).Select(relative => Store(outDir, relative)).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();

    /// <summary>Splits one batch run's out/ between its single-file datums by the steps' ledgers
    /// (.imgeda/&lt;step&gt;/&lt;input&gt;/&lt;path&gt;.json lists a datum's outputs). Datums without a ledger are
    /// missing from the result (the step failed them); null when some output belongs to no datum (then the batch cannot
    /// be split and its datums must run one by one).</summary>
    public Dictionary<string, List<RepoFile>>? CollectBatch(string outDir, IReadOnlyList<JobDatum> datums)
    {
        var ledgerRoot = Path.Combine(outDir, ".imgeda");
        var steps = Directory.Exists(ledgerRoot)
            ? Directory.GetDirectories(ledgerRoot).Select(Path.GetFileName).OfType<string>().ToList()
            : [];
        // A batch holds thousands of datums: their ledgers are read, and their files hashed into the store, side by
        // side.
        var outputsOf = new List<string>?[datums.Count];
        Parallel.For(0, datums.Count, i =>
        {
            var part = datums[i].Parts[0];
            var coreDatum = new Datum(part.Input, part.Files[0].Path, "");
            foreach (var step in steps)
            {
                var ledgerPath = DatumLedger.PathFor(outDir, step, coreDatum);
                if (DatumLedger.TryRead(ledgerPath) is not { } ledger) continue;
                var paths = ledger.Outputs.Append(Path.GetRelativePath(outDir, ledgerPath)).ToList();
                if (paths.Any(p => !File.Exists(Path.Combine(outDir, p)))) continue;
                (outputsOf[i] ??= []).AddRange(paths);
            }
        });
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < datums.Count; i++)
            foreach (var path in outputsOf[i] ?? []) owner[path] = datums[i].Hash;
        // A link or FIFO belongs to no datum's ledger for certain: the datums run one by one and the culprit fails.
        if (!TryList(outDir, out var files, out _) || files.Any(path => !owner.ContainsKey(path))) return null;
        var stored = new System.Collections.Concurrent.ConcurrentDictionary<string, RepoFile>(StringComparer.Ordinal);
        Parallel.ForEach(owner.Keys, path => stored[path] = Store(outDir, path));
        // A path two ledgers name goes to the datum that named it last (as `owner` says), once.
        return Enumerable.Range(0, datums.Count).Where(i => outputsOf[i] is not null).ToDictionary(
            i => datums[i].Hash,
            i => outputsOf[i]!
                .Distinct(StringComparer.Ordinal)
                .Where(p => owner[p] == datums[i].Hash)
                .Select(p => stored[p])
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .ToList(),
            StringComparer.Ordinal);
    }

    private RepoFile Store(string outDir, string relative)
    {
        var (hash, size) = objects.AddMove(Path.Combine(outDir, relative));
        return new RepoFile(relative.Replace(Path.DirectorySeparatorChar, '/'), hash, size);
    }

    /// <summary>Regular files under out/, relative; a step's temporary files (an interrupted write) are not
    /// outputs.</summary>
    private static List<string> Files(string outDir) =>
        TryList(outDir, out var files, out var refused) ? files : throw new OutputRefusedException(refused!);

    /// <summary>Walks out/ without following anything: storing a symbolic link's target would move or re-mode a file
    /// outside the work folder (or loop forever on a link to its own folder).</summary>
    private static bool TryList(string outDir, out List<string> files, out string? refused)
    {
        files = [];
        refused = null;
        var pending = new Stack<string>([outDir]);
        while (pending.TryPop(out var folder))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", Everything))
            {
                var relative = Path.GetRelativePath(outDir, entry);
                switch (PathKinds.Of(entry))
                {
                    case PathKind.Directory:
                        pending.Push(entry);
                        break;
                    case PathKind.Regular:
                        if (!Path.GetFileName(entry).Contains(AtomicFile.TempMarker, StringComparison.Ordinal))
                            files.Add(relative);
                        break;
                    case PathKind.Missing:
                        break;
                    case var kind:
                        var what = kind == PathKind.SymbolicLink ? "a symbolic link" : "a FIFO, socket or device";
                        refused = $"the step left {what}"
                            + $" at out/{relative}; outputs must be regular files";
                        return false;
                }
            }
        }
        return true;
    }

    private static readonly EnumerationOptions Everything = new() { AttributesToSkip = 0 };
}
