using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ImgEda.Core.Running;
using ImgEda.Engine.Datums;
using ImgEda.Engine.Specs;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Jobs;

/// <summary>Runs one pipeline over the head commits of its inputs: plans the datums, skips those whose hash has a
/// result already (their outputs are carried into the new output commit), runs the rest (single-file datums in one
/// batch when the spec allows it, the others one process each, each up to datumTries times) and saves the job.</summary>
public sealed class JobRunner(EngineHome home, MetadataDb db, CommitFiles known, StepLauncher launcher, StepLog log)
{
    private readonly RepoCatalog _repos = new(db, known);
    private readonly JobCatalog _jobs = new(db, new RepoCatalog(db, known));
    private Dictionary<string, string> _checkouts = [];
    private DateTimeOffset? _deadline;

    public sealed record Result(string Pipeline, string Status, JobCatalog.JobInfo? Job);

    public Result Run(PipelineCatalog.Entry entry, bool reprocess)
    {
        var spec = entry.Spec;
        var inputs = new List<JobCatalog.InputCommit>();
        foreach (var leaf in spec.Input.Leaves())
        {
            var head = _repos.Head(leaf.Repo);
            if (head is null) return new Result(spec.Name, $"waiting: repo {leaf.Repo} has no commit yet", null);
            inputs.Add(new JobCatalog.InputCommit(leaf.Name, leaf.Repo, head.Id));
        }
        var inputsKey = KeyOf(spec, inputs);
        if (!reprocess && _jobs.Done(spec.Name, inputsKey)) return new Result(spec.Name, "up to date", null);

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        _deadline = started + spec.JobTimeout;
        var jobId = Guid.NewGuid().ToString("N");
        var commitOf = inputs.ToDictionary(i => i.Input, i => i.CommitId);
        var datums = DatumPlanner.Plan(spec, leaf => _repos.Files(commitOf[leaf.Name]));
        // An incremental step's output also depends on its previous output (merge's diff.json): a result older than
        // the one at the head is not reused.
        var known = reprocess ? [] : spec.Incremental ? _jobs.KnownDatums(spec.Name, _repos.Head(spec.Name)?.Job ?? "") : _jobs.KnownDatums(spec.Name);
        var todo = datums.Where(d => !known.Contains(d.Hash)).ToList();
        log.Info($"{spec.Name}: job {jobId[..12]}: {datums.Count} datums, {todo.Count} to process, {datums.Count - todo.Count} unchanged");
        log.Debug($"{spec.Name}: planned in {clock.Elapsed.TotalSeconds:F2} s");

        var outcomes = RunDatums(spec, todo, inputs, jobId, reprocess);
        log.Debug($"{spec.Name}: datums ran by {clock.Elapsed.TotalSeconds:F2} s");
        var all = datums.Select(d => outcomes.TryGetValue(d.Hash, out var o) ? o : new JobCatalog.DatumOutcome(d, JobCatalog.Skipped, 0, null, [])).ToList();
        var saving = clock.Elapsed;
        var job = _jobs.Save(new JobCatalog.JobResult(jobId, spec.Name, entry.Version, inputsKey, inputs, all, started, clock.Elapsed));
        log.Debug($"{spec.Name}: saved in {(clock.Elapsed - saving).TotalSeconds:F2} s");
        foreach (var failed in all.Where(o => o.State == JobCatalog.Failed).Take(10))
            log.Error($"{spec.Name}: datum {failed.Datum.Id} failed after {failed.Tries} tries: {failed.Error}");
        log.Info($"{spec.Name}: job {jobId[..12]} {job.State}: {job.Processed} processed, {job.Skipped} skipped, {job.Failed} failed, {job.Retried} retried ({clock.Elapsed.TotalSeconds:F1} s)"
            + (job.Error is null ? "" : $": {job.Error}"));
        return new Result(spec.Name, job.State, job);
    }

    /// <summary>Runs the datums to process in the job's work folder (removed afterwards, whatever happens).</summary>
    private Dictionary<string, JobCatalog.DatumOutcome> RunDatums(PipelineSpec spec, IReadOnlyList<JobDatum> todo, IReadOnlyList<JobCatalog.InputCommit> inputs, string jobId, bool reprocess)
    {
        var work = Path.Combine(home.Work, jobId);
        Directory.CreateDirectory(work);
        var outcomes = new Dictionary<string, JobCatalog.DatumOutcome>(StringComparer.Ordinal);
        try
        {
            var inputNames = inputs.Select(i => i.Input).ToList();
            // A datumTimeout is per datum: each runs in its own process, as under Pachyderm.
            var batch = spec.BatchDatums && spec.DatumTimeout is null ? todo.Where(d => d.IsSingleFile).ToList() : [];
            if (batch.Count > 1)
            {
                foreach (var outcome in RunBatch(spec, batch, inputs, work)) outcomes[outcome.Datum.Hash] = outcome;
            }
            var single = todo.Where(d => !outcomes.ContainsKey(d.Hash)).ToList();
            // Whole-repo inputs are mounted from their checkout, brought up to date here, once, before datums run in parallel.
            var checkouts = new RepoCheckouts(home, _repos.Files);
            var syncing = Stopwatch.StartNew();
            // Side by side: merge's three checkouts are made from scratch on a first run.
            _checkouts = single.SelectMany(d => d.Parts).Where(p => p.MatchedPath == "/").Select(p => inputs.Single(i => i.Input == p.Input)).Distinct()
                .AsParallel().Select(input => (input.Input, Folder: checkouts.At(input.Repo, input.CommitId)))
                .ToDictionary(c => c.Input, c => c.Folder, StringComparer.Ordinal);
            if (_checkouts.Count > 0) log.Debug($"{spec.Name}: checkouts of {string.Join(", ", _checkouts.Keys)} ready in {syncing.Elapsed.TotalSeconds:F2} s");
            // The previous output's paths are host paths: a step in a container does not get them (it reads everything).
            var previous = single.Count == 1 && !reprocess && launcher.Runtime == StepRuntime.Process
                ? new PreviousOutput(_repos, _jobs, checkouts).Variables(spec, inputs, single[0], work)
                : [];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
            var results = new System.Collections.Concurrent.ConcurrentBag<JobCatalog.DatumOutcome>();
            Parallel.ForEach(single.Select((d, i) => (d, i)), parallel, item => results.Add(RunDatum(spec, item.d, inputNames, Path.Combine(work, $"d{item.i}"), jobId, previous)));
            foreach (var outcome in results) outcomes[outcome.Datum.Hash] = outcome;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return outcomes;
    }

    /// <summary>How long the next try may take: the datumTimeout, cut to what is left of the jobTimeout.</summary>
    private TimeSpan? Remaining(PipelineSpec spec)
    {
        var left = _deadline - DateTimeOffset.UtcNow;
        return spec.DatumTimeout is { } datum && (left is null || datum < left) ? datum : left;
    }

    private string? WholeRepo(DatumPart part) => part.MatchedPath == "/" ? _checkouts.GetValueOrDefault(part.Input) : null;

    /// <summary>Input commits and the spec decide whether a job has run: the same pair never runs twice.</summary>
    private static string KeyOf(PipelineSpec spec, IEnumerable<JobCatalog.InputCommit> inputs)
    {
        var text = new StringBuilder(spec.Json);
        foreach (var input in inputs) text.Append('\n').Append(input.Input).Append('=').Append(input.CommitId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>All single-file datums in one process (OpenCV loads once); datums the step failed, or a batch that
    /// cannot be split by the ledgers, come back for one-by-one runs.</summary>
    private IEnumerable<JobCatalog.DatumOutcome> RunBatch(PipelineSpec spec, IReadOnlyList<JobDatum> batch, IReadOnlyList<JobCatalog.InputCommit> inputs, string work)
    {
        var inputNames = inputs.Select(i => i.Input).ToList();
        // A batch of every file of its input commit (a first run) mounts the repo's checkout, made once for every pipeline
        // over that commit, instead of linking 10,000 files per pipeline.
        var input = inputs.Single(i => i.Input == batch[0].Parts[0].Input);
        var whole = batch.All(d => d.Parts[0].Input == input.Input) && batch.Count == _repos.Files(input.CommitId).Count
            ? new RepoCheckouts(home, _repos.Files).At(input.Repo, input.CommitId)
            : null;
        var root = DatumWorkspace.Create(home.Objects, Path.Combine(work, "batch"), batch.SelectMany(d => d.Parts), inputNames, _ => whole);
        var outcome = launcher.Run(spec, new StepLauncher.Launch(
            root, inputNames, new Dictionary<string, string>(), Path.Combine(work, "batch.log"), Remaining(spec)));
        // A program that cannot start would fail every datum alone too: say so once.
        if (!outcome.Started) return batch.Select(d => new JobCatalog.DatumOutcome(d, JobCatalog.Failed, 1, outcome.LogTail, [])).ToList();
        if (!outcome.Succeeded)
        {
            log.Warn($"{spec.Name}: the batch of {batch.Count} datums exited with status {outcome.ExitCode} ({outcome.LogTail}); running its datums one by one");
            return [];
        }
        var split = new OutputCollector(home.Objects).CollectBatch(Path.Combine(root, "out"), batch);
        if (split is null)
        {
            log.Warn($"{spec.Name}: the batch wrote files no datum's ledger names; running its datums one by one");
            return [];
        }
        return batch.Where(d => split.ContainsKey(d.Hash)).Select(d => new JobCatalog.DatumOutcome(d, JobCatalog.Processed, 1, null, split[d.Hash])).ToList();
    }

    private JobCatalog.DatumOutcome RunDatum(PipelineSpec spec, JobDatum datum, IReadOnlyList<string> inputNames, string root, string jobId, IReadOnlyDictionary<string, string> previous)
    {
        string? error = null;
        for (var attempt = 1; attempt <= spec.DatumTries; attempt++)
        {
            var timeout = Remaining(spec);
            if (timeout <= TimeSpan.Zero)
                return new JobCatalog.DatumOutcome(datum, JobCatalog.Failed, attempt - 1,
                    error ?? $"not run: the job's jobTimeout ({spec.JobTimeout!.Value.TotalSeconds:0.###} s) ran out",
                    []);
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            DatumWorkspace.Create(home.Objects, root, datum.Parts, inputNames, WholeRepo);
            var variables = DatumWorkspace.Variables(root, datum, jobId).Concat(previous).ToDictionary();
            var launch = new StepLauncher.Launch(root, inputNames, variables, root + ".log", timeout);
            var outcome = launcher.Run(spec, launch);
            log.Debug($"{spec.Name}: datum {datum.Id} try {attempt}: exit status {outcome.ExitCode}, {outcome.Elapsed.TotalSeconds:F2} s in the step");
            if (!outcome.Started) return new JobCatalog.DatumOutcome(datum, JobCatalog.Failed, attempt, outcome.LogTail, []);
            if (outcome.Succeeded)
            {
                try
                {
                    var outputs = new OutputCollector(home.Objects).Collect(Path.Combine(root, "out"));
                    return new JobCatalog.DatumOutcome(datum, JobCatalog.Processed, attempt, null, outputs);
                }
                catch (OutputRefusedException e)
                {
                    error = e.Message;
                }
            }
            else error = $"exit status {outcome.ExitCode}: {outcome.LogTail}";
            log.Warn($"{spec.Name}: datum {datum.Id} try {attempt}/{spec.DatumTries} failed ({error})");
        }
        return new JobCatalog.DatumOutcome(datum, JobCatalog.Failed, spec.DatumTries, error, []);
    }
}
