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
/// batch when the spec allows it, the others one process each, each up to datumTries times) and saves the
/// job.</summary>
public sealed class JobRunner(EngineHome home, MetadataDb db, CommitFiles known, StepLauncher launcher, StepLog log)
{
    private readonly RepoCatalog _repos = new(db, known);
    private readonly JobCatalog _jobs = new(db, new RepoCatalog(db, known));

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
        var jobId = Guid.NewGuid().ToString("N");
        var commitOf = inputs.ToDictionary(i => i.Input, i => i.CommitId);
        var datums = DatumPlanner.Plan(spec, leaf => _repos.Files(commitOf[leaf.Name]));
        // An incremental step's output also depends on its previous output (merge's diff.json): a result older than
        // the one at the head is not reused.
        var known = reprocess ? []
            : spec.Incremental ? _jobs.KnownDatums(spec.Name, _repos.Head(spec.Name)?.Job ?? "")
            : _jobs.KnownDatums(spec.Name);
        var todo = datums.Where(d => !known.Contains(d.Hash)).ToList();
        var unchanged = datums.Count - todo.Count;
        log.Info($"{spec.Name}: job {jobId[..12]}: "
            + $"{datums.Count} datums, {todo.Count} to process, {unchanged} unchanged");
        log.Debug($"{spec.Name}: planned in {clock.Elapsed.TotalSeconds:F2} s");

        var scope = new DatumRunner.Job(spec, inputs, jobId, started + spec.JobTimeout);
        var outcomes = new DatumRunner(home, _repos, _jobs, launcher, log, scope).Run(todo, reprocess);
        log.Debug($"{spec.Name}: datums ran by {clock.Elapsed.TotalSeconds:F2} s");
        var all = datums
            .Select(d => outcomes.TryGetValue(d.Hash, out var o)
                ? o
                : new JobCatalog.DatumOutcome(d, JobCatalog.Skipped, 0, null, []))
            .ToList();
        var saving = clock.Elapsed;
        var result = new JobCatalog.JobResult(
            jobId, spec.Name, entry.Version, inputsKey, inputs, all, started, clock.Elapsed);
        var job = _jobs.Save(result);
        log.Debug($"{spec.Name}: saved in {(clock.Elapsed - saving).TotalSeconds:F2} s");
        foreach (var failed in all.Where(o => o.State == JobCatalog.Failed).Take(10))
            log.Error($"{spec.Name}: datum {failed.Datum.Id} failed after {failed.Tries} tries: {failed.Error}");
        log.Info($"{spec.Name}: job {jobId[..12]} {job.State}: "
            + $"{job.Processed} processed, {job.Skipped} skipped, {job.Failed} failed, {job.Retried} retried "
            + $"({clock.Elapsed.TotalSeconds:F1} s)"
            + (job.Error is null ? "" : $": {job.Error}"));
        return new Result(spec.Name, job.State, job);
    }

    /// <summary>Input commits and the spec decide whether a job has run: the same pair never runs twice.</summary>
    private static string KeyOf(PipelineSpec spec, IEnumerable<JobCatalog.InputCommit> inputs)
    {
        var text = new StringBuilder(spec.Json);
        foreach (var input in inputs) text.Append('\n').Append(input.Input).Append('=').Append(input.CommitId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
