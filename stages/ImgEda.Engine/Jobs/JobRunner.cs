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
        var leaves = spec.Input.Leaves().ToList();
        var heads = leaves.Select(leaf => _repos.Head(leaf.Repo)).ToList();
        // A user's repo in a group or union may have no commit yet while the others give datums (gate's policy): it
        // is read as empty, through an empty first commit, as Pachyderm gives a new branch. A pipeline's repo without
        // a commit, any other input without one, or no input with one, means there is nothing to run yet.
        var optional = spec.Input.OptionalLeaves()
            .Where(leaf => _repos.Exists(leaf.Repo) && _repos.PipelineOf(leaf.Repo) is null).ToHashSet();
        var anyHead = heads.Any(h => h is not null);
        var missing = leaves.Where((leaf, i) => heads[i] is null && !(anyHead && optional.Contains(leaf)));
        if (missing.FirstOrDefault() is { } first)
            return new Result(spec.Name, $"waiting: repo {first.Repo} has no commit yet", null);
        var inputs = new List<JobCatalog.InputCommit>();
        for (var i = 0; i < leaves.Count; i++)
        {
            var head = heads[i] ?? _repos.Head(leaves[i].Repo)
                ?? _repos.Commit(leaves[i].Repo, [], $"empty: the first commit, for {spec.Name} to read")!;
            inputs.Add(new JobCatalog.InputCommit(leaves[i].Name, leaves[i].Repo, head.Id));
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
