using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using ImgEda.Core.Pfs;

namespace ImgEda.Core.Running;

/// <summary>Runs a per-image step over the /pfs inputs: a bounded worker pool, work avoidance with --previous,
/// atomic outputs, and a bad datum never stopping the others.</summary>
public sealed class StepRunner(IDatumProcessor processor, RunOptions options, StepLog log)
{
    public static string StepVersion { get; } = typeof(StepRunner).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private int _processed, _carried, _failed, _bad, _sidecars;

    private int AlgorithmVersion => StepAlgorithmVersions.Of(processor.Step);

    public RunSummary Run(Action<string>? onDatumStart = null, Action<string>? onDatumEnd = null)
    {
        var clock = Stopwatch.StartNew();
        var layout = PfsLayout.Open(options.PfsRoot, options.Inputs);
        if (options.PachDatumId is not null && options.SkipFolderDatums && layout.FolderDatum() is { } folder)
        {
            log.Info($"the datum {folder} is a folder; "
                + "its files are datums of their own (--skip-folder-datums): nothing to do");
            return new RunSummary(0, 0, 0, 0, clock.Elapsed);
        }
        EnsureWritable(layout.Out);
        // Under Pachyderm each datum has its own output; elsewhere two runs must not share one.
        using var outputLock = options.PachDatumId is null ? DirectoryLock.AcquireOutput(layout.Out) : null;
        if (AtomicFile.RemoveAbandoned(layout.Out) is > 0 and var abandoned)
            log.Info($"removed {abandoned} temporary files an interrupted run left in {layout.Out}");
        var previous = options.Previous is null ? null : Path.GetFullPath(options.Previous);
        if (previous is not null && !Directory.Exists(previous))
            log.Warn($"--previous {previous} does not exist; computing every datum");

        var scanner = new DatumScanner(layout, log.Warn);
        var datums = scanner.Scan().Where(options.Shard.Contains);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Workers) };

        void RunOne(Datum datum)
        {
            onDatumStart?.Invoke(datum.ToString());
            try
            {
                ProcessDatum(datum, layout.Out, previous);
            }
            finally
            {
                onDatumEnd?.Invoke(datum.ToString());
            }
        }

        if (ShowProgress()) ProgressBar.ForEach(datums, parallel, processor.Step, RunOne);
        else Parallel.ForEach(datums, parallel, RunOne);
        return new RunSummary(_processed, _carried, _failed, _bad, clock.Elapsed) { NotImages = _sidecars };
    }

    private bool ShowProgress() => ProgressBar.IsWanted && options.PachDatumId is null && !options.Verbose;

    private void ProcessDatum(Datum datum, string outDir, string? previous)
    {
        if (options.Poisoned.TryGetValue(datum.ToString().ReplaceLineEndings("\\n"), out var poison))
        {
            Interlocked.Increment(ref _failed);
            log.Error($"{datum}: skipped: {poison}");
            return;
        }
        // A pooled buffer: files of several MB would otherwise each be a new large-object-heap array.
        byte[] buffer;
        int length;
        try
        {
            using var handle = File.OpenHandle(datum.FullPath);
            length = checked((int)RandomAccess.GetLength(handle));
            buffer = ArrayPool<byte>.Shared.Rent(length);
            for (var read = 0; read < length;)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(read, length - read), read);
                if (n == 0) { length = read; break; }
                read += n;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OverflowException)
        {
            Interlocked.Increment(ref _failed);
            // .NET sees file names as UTF-8: bytes that are not become U+FFFD and the name no longer opens.
            log.Error(datum.Path.Contains('\uFFFD')
                ? $"{datum}: cannot read: its file name is not valid UTF-8; rename it (e.g. convmv -f latin1 -t utf8)"
                : $"{datum}: cannot read ({e.Message})");
            return;
        }
        try
        {
            ProcessBytes(datum, buffer.AsSpan(0, length), outDir, previous);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void ProcessBytes(Datum datum, ReadOnlySpan<byte> bytes, string outDir, string? previous)
    {
        if (DatasetSidecar.Is(datum.Path, bytes))
        {
            Interlocked.Increment(ref _sidecars);
            log.Debug($"{datum}: a label or dataset file, not an image: skipped");
            return;
        }
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        if (previous is not null && TryCarryOver(datum, sha256, outDir, previous))
        {
            Interlocked.Increment(ref _carried);
            log.Debug($"{datum}: unchanged, carried over");
            return;
        }

        DatumResult result;
        try
        {
            result = processor.Process(datum, bytes, sha256);
        }
        catch (Exception e)
        {
            // Any failure is this datum's (a library's impossible allocation for a damaged file included): the rest go
            // on.
            Interlocked.Increment(ref _failed);
            log.Error($"{datum}: failed ({e.GetType().Name}: {e.Message})");
            return;
        }

        var written = new List<string>(result.Outputs.Count);
        foreach (var output in result.Outputs)
        {
            var relative = OutputName.For($"{datum.Input}/{datum.Path}", output.Suffix);
            AtomicFile.Write(Path.Combine(outDir, relative), output.Content);
            written.Add(relative);
        }
        // The ledger goes last: an interrupted datum has no ledger and is recomputed by the next run.
        var ledger = new DatumLedger(sha256, StepVersion, processor.OptionsKey, written, AlgorithmVersion);
        AtomicFile.Write(DatumLedger.PathFor(outDir, processor.Step, datum), ledger.ToJson());
        Interlocked.Increment(ref _processed);
        if (result.Problem is not null)
        {
            Interlocked.Increment(ref _bad);
            log.Warn($"{datum}: {result.Problem}");
        }
    }

    private bool TryCarryOver(Datum datum, string sha256, string outDir, string previous)
    {
        var ledgerPath = DatumLedger.PathFor(previous, processor.Step, datum);
        var ledger = DatumLedger.TryRead(ledgerPath);
        if (ledger is null || !IsSameWork(ledger, sha256)) return false;
        if (!ledger.Outputs.All(o => File.Exists(Path.Combine(previous, o)))) return false;
        foreach (var output in ledger.Outputs)
            AtomicFile.Copy(Path.Combine(previous, output), Path.Combine(outDir, output));
        AtomicFile.Copy(ledgerPath, DatumLedger.PathFor(outDir, processor.Step, datum));
        return true;
    }

    /// <summary>The same bytes through the same code (product and algorithm version) with the same options.</summary>
    private bool IsSameWork(DatumLedger ledger, string sha256) =>
        ledger.Sha256 == sha256 && ledger.StepVersion == StepVersion && ledger.AlgorithmVersion == AlgorithmVersion
        && ledger.Options == processor.OptionsKey;

    private static void EnsureWritable(string outDir)
    {
        try
        {
            Directory.CreateDirectory(outDir);
            // Named like a temporary file, so that a run killed right here leaves nothing the next run does not remove.
            var probe = Path.Combine(outDir, $".write-check{AtomicFile.TempMarker}{Environment.ProcessId}-probe");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputNotWritableException($"cannot write to {outDir}: {e.Message}");
        }
    }
}

/// <summary>The output folder cannot be written: the run cannot continue (exit status 4).</summary>
/// <summary>The output folder cannot be written (checked before any datum runs, so nothing is half done).</summary>
public sealed class OutputNotWritableException(string message) : Exception(message);
