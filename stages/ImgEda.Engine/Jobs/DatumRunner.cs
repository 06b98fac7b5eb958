using System.Collections.Concurrent;
using System.Diagnostics;
using ImgEda.Core.Running;
using ImgEda.Engine.Datums;
using ImgEda.Engine.Specs;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Jobs;

/// <summary>Runs the datums one job must process: single-file datums in one batch process when the spec allows it,
/// the others (and what a batch gave back) one process each, each up to datumTries times within the job's deadline.
/// Whole-repo inputs are mounted from their checkouts, brought up to date once before the datums run.</summary>
public sealed class DatumRunner(EngineHome home, RepoCatalog repos, JobCatalog jobs, StepLauncher launcher, StepLog log,
    DatumRunner.Job job)
{
    /// <summary>What every datum of the job shares.</summary>
    public sealed record Job(
        PipelineSpec Spec,
        IReadOnlyList<JobCatalog.InputCommit> Inputs,
        string Id,
        DateTimeOffset? Deadline);

    private List<string> InputNames => job.Inputs.Select(i => i.Input).ToList();

    /// <summary>Runs the datums to process in the job's work folder (removed afterwards, whatever happens).</summary>
    public Dictionary<string, JobCatalog.DatumOutcome> Run(IReadOnlyList<JobDatum> todo, bool reprocess)
    {
        var work = Path.Combine(home.Work, job.Id);
        Directory.CreateDirectory(work);
        var outcomes = new Dictionary<string, JobCatalog.DatumOutcome>(StringComparer.Ordinal);
        try
        {
            // A datumTimeout is per datum: each runs in its own process, as under Pachyderm.
            var batchable = job.Spec.BatchDatums && job.Spec.DatumTimeout is null;
            var batch = batchable ? todo.Where(d => d.IsSingleFile).ToList() : [];
            if (batch.Count > 1)
            {
                foreach (var outcome in RunBatch(batch, work)) outcomes[outcome.Datum.Hash] = outcome;
            }
            var single = todo.Where(d => !outcomes.ContainsKey(d.Hash)).ToList();
            // Whole-repo inputs are mounted from their checkout, brought up to date here, once, before datums run
            // in parallel.
            var checkouts = new RepoCheckouts(home, repos.Files);
            var syncing = Stopwatch.StartNew();
            // Side by side: merge's three checkouts are made from scratch on a first run.
            var wholeRepos = single.SelectMany(d => d.Parts).Where(p => p.MatchedPath == "/")
                .Select(p => job.Inputs.Single(i => i.Input == p.Input)).Distinct()
                .AsParallel().Select(input => (input.Input, Folder: checkouts.At(input.Repo, input.CommitId)))
                .ToDictionary(c => c.Input, c => c.Folder, StringComparer.Ordinal);
            if (wholeRepos.Count > 0)
                log.Debug($"{job.Spec.Name}: checkouts of {string.Join(", ", wholeRepos.Keys)} "
                    + $"ready in {syncing.Elapsed.TotalSeconds:F2} s");
            string? WholeRepo(DatumPart part) =>
                part.MatchedPath == "/" ? wholeRepos.GetValueOrDefault(part.Input) : null;
            // The previous output's paths are host paths: a step in a container does not get them
            // (it reads everything).
            var previous = single.Count == 1 && !reprocess && launcher.Runtime == StepRuntime.Process
                ? new PreviousOutput(repos, jobs, checkouts).Variables(job.Spec, job.Inputs, single[0], work)
                : [];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
            var results = new ConcurrentBag<JobCatalog.DatumOutcome>();
            Parallel.ForEach(single.Select((d, i) => (d, i)), parallel, item =>
                results.Add(RunDatum(item.d, Path.Combine(work, $"d{item.i}"), previous, WholeRepo)));
            foreach (var outcome in results) outcomes[outcome.Datum.Hash] = outcome;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return outcomes;
    }

    /// <summary>How long the next try may take: the datumTimeout, cut to what is left of the jobTimeout.</summary>
    private TimeSpan? Remaining()
    {
        var left = job.Deadline - DateTimeOffset.UtcNow;
        return job.Spec.DatumTimeout is { } datum && (left is null || datum < left) ? datum : left;
    }

    /// <summary>All single-file datums in one process (OpenCV loads once); datums the step failed, or a batch that
    /// cannot be split by the ledgers, come back for one-by-one runs.</summary>
    private IEnumerable<JobCatalog.DatumOutcome> RunBatch(IReadOnlyList<JobDatum> batch, string work)
    {
        // A batch of every file of its input commit (a first run) mounts the repo's checkout, made once for every
        // pipeline over that commit, instead of linking 10,000 files per pipeline.
        var input = job.Inputs.Single(i => i.Input == batch[0].Parts[0].Input);
        var whole = batch.All(d => d.Parts[0].Input == input.Input) && batch.Count == repos.Files(input.CommitId).Count
            ? new RepoCheckouts(home, repos.Files).At(input.Repo, input.CommitId)
            : null;
        var parts = batch.SelectMany(d => d.Parts);
        var root = DatumWorkspace.Create(home.Objects, Path.Combine(work, "batch"), parts, InputNames, _ => whole);
        var outcome = launcher.Run(job.Spec, new StepLauncher.Launch(
            root, InputNames, new Dictionary<string, string>(), Path.Combine(work, "batch.log"), Remaining()));
        // A program that cannot start would fail every datum alone too: say so once.
        if (!outcome.Started)
            return batch
                .Select(d => new JobCatalog.DatumOutcome(d, JobCatalog.Failed, 1, outcome.LogTail, []))
                .ToList();
        if (!outcome.Succeeded)
        {
            log.Warn($"{job.Spec.Name}: the batch of {batch.Count} datums exited with status {outcome.ExitCode} "
                + $"({outcome.LogTail}); running its datums one by one");
            return [];
        }
        var split = new OutputCollector(home.Objects).CollectBatch(Path.Combine(root, "out"), batch);
        if (split is null)
        {
            log.Warn($"{job.Spec.Name}: the batch wrote files no datum's ledger names; running its datums one by one");
            return [];
        }
        return batch
            .Where(d => split.ContainsKey(d.Hash))
            .Select(d => new JobCatalog.DatumOutcome(d, JobCatalog.Processed, 1, null, split[d.Hash]))
            .ToList();
    }

    private JobCatalog.DatumOutcome RunDatum(JobDatum datum, string root, IReadOnlyDictionary<string, string> previous,
        Func<DatumPart, string?> wholeRepo)
    {
        string? error = null;
        for (var attempt = 1; attempt <= job.Spec.DatumTries; attempt++)
        {
            var timeout = Remaining();
            if (timeout <= TimeSpan.Zero)
                return new JobCatalog.DatumOutcome(datum, JobCatalog.Failed, attempt - 1,
                    error
                        ?? $"not run: the job's jobTimeout ({job.Spec.JobTimeout!.Value.TotalSeconds:0.###} s) ran out",
                    []);
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            DatumWorkspace.Create(home.Objects, root, datum.Parts, InputNames, wholeRepo);
            var variables = DatumWorkspace.Variables(root, datum, job.Id).Concat(previous).ToDictionary();
            var launch = new StepLauncher.Launch(root, InputNames, variables, root + ".log", timeout);
            var outcome = launcher.Run(job.Spec, launch);
            log.Debug($"{job.Spec.Name}: datum {datum.Id} try {attempt}: "
                + $"exit status {outcome.ExitCode}, {outcome.Elapsed.TotalSeconds:F2} s in the step");
            if (!outcome.Started)
                return new JobCatalog.DatumOutcome(datum, JobCatalog.Failed, attempt, outcome.LogTail, []);
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
            log.Warn($"{job.Spec.Name}: datum {datum.Id} try {attempt}/{job.Spec.DatumTries} failed ({error})");
        }
        return new JobCatalog.DatumOutcome(datum, JobCatalog.Failed, job.Spec.DatumTries, error, []);
    }
}
