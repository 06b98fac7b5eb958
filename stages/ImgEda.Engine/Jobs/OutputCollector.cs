using ImgEda.Core.Running;
using ImgEda.Engine.Datums;
using ImgEda.Engine.Storage;
using CoreDatum = ImgEda.Core.Pfs.Datum;

namespace ImgEda.Engine.Jobs;

/// <summary>Takes what a step wrote to out/ into the object store, as repo files (paths relative to out/).</summary>
public sealed class OutputCollector(ObjectStore objects)
{
    /// <summary>Every file under <paramref name="outDir"/>: one datum's outputs.</summary>
    public List<RepoFile> Collect(string outDir) =>
        Files(outDir).Select(relative => Store(outDir, relative)).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();

    /// <summary>Splits one batch run's out/ between its single-file datums by the steps' ledgers
    /// (.imgeda/&lt;step&gt;/&lt;input&gt;/&lt;path&gt;.json lists a datum's outputs). Datums without a ledger are missing
    /// from the result (the step failed them); null when some output belongs to no datum (then the batch cannot be
    /// split and its datums must run one by one).</summary>
    public Dictionary<string, List<RepoFile>>? CollectBatch(string outDir, IReadOnlyList<Datum> datums)
    {
        var ledgerRoot = Path.Combine(outDir, ".imgeda");
        var steps = Directory.Exists(ledgerRoot) ? Directory.GetDirectories(ledgerRoot).Select(Path.GetFileName).OfType<string>().ToList() : [];
        // A batch holds thousands of datums: their ledgers are read, and their files hashed into the store, side by side.
        var outputsOf = new List<string>?[datums.Count];
        Parallel.For(0, datums.Count, i =>
        {
            var part = datums[i].Parts[0];
            var coreDatum = new CoreDatum(part.Input, part.Files[0].Path, "");
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
        if (Files(outDir).Any(path => !owner.ContainsKey(path))) return null;
        var stored = new System.Collections.Concurrent.ConcurrentDictionary<string, RepoFile>(StringComparer.Ordinal);
        Parallel.ForEach(owner.Keys, path => stored[path] = Store(outDir, path));
        // A path two ledgers name goes to the datum that named it last (as `owner` says), once.
        return Enumerable.Range(0, datums.Count).Where(i => outputsOf[i] is not null).ToDictionary(
            i => datums[i].Hash,
            i => outputsOf[i]!.Distinct(StringComparer.Ordinal).Where(p => owner[p] == datums[i].Hash).Select(p => stored[p]).OrderBy(f => f.Path, StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
    }

    private RepoFile Store(string outDir, string relative)
    {
        var (hash, size) = objects.AddMove(Path.Combine(outDir, relative));
        return new RepoFile(relative.Replace(Path.DirectorySeparatorChar, '/'), hash, size);
    }

    /// <summary>Regular files under out/, relative; a step's temporary files (an interrupted write) are not outputs.</summary>
    private static IEnumerable<string> Files(string outDir) =>
        Directory.EnumerateFiles(outDir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(outDir, f))
            .Where(f => !Path.GetFileName(f).Contains(AtomicFile.TempMarker, StringComparison.Ordinal));
}
