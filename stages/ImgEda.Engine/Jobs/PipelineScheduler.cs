using ImgEda.Core.Running;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Jobs;

/// <summary>Brings every pipeline up to date with its inputs' head commits, each as soon as its upstream pipelines are
/// done (independent ones side by side), so one pass carries a new commit through the whole DAG. The caller holds the
/// home's lock: one runner per home.</summary>
public sealed class PipelineScheduler(EngineHome home, StepLauncher launcher, StepLog log)
{
    /// <summary>Runs what is pending; returns the jobs that ran.</summary>
    public List<JobRunner.Result> RunPending(bool reprocess, IReadOnlyCollection<string> only)
    {
        List<PipelineCatalog.Entry> entries;
        using (var db = home.Metadata()) entries = new PipelineCatalog(db, new RepoCatalog(db)).InOrder();
        var tasks = new Dictionary<string, Task<JobRunner.Result?>>(StringComparer.Ordinal);
        var known = new CommitFiles();
        foreach (var entry in entries.Where(e => only.Count == 0 || only.Contains(e.Spec.Name)))
        {
            var upstream = entry.Spec.Input.Leaves()
                .Select(l => l.Repo)
                .Distinct()
                .Where(tasks.ContainsKey)
                .Select(r => (Task)tasks[r])
                .ToArray();
            // A thread of its own: a job spends its time waiting for step processes.
            tasks[entry.Spec.Name] = Task.Factory.StartNew(() =>
            {
                Task.WaitAll(upstream);
                using var db = home.Metadata();
                var result = new JobRunner(home, db, known, launcher, log).Run(entry, reprocess);
                if (result.Job is null) log.Debug($"{entry.Spec.Name}: {result.Status}");
                return result.Job is null ? null : result;
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        try
        {
            Task.WaitAll(tasks.Values.ToArray());
        }
        catch (AggregateException e)
        {
            // The first real failure, not the waits of the pipelines downstream of it.
            var firstFailure = e.Flatten().InnerExceptions.First(x => x is not AggregateException);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(firstFailure);
        }
        return tasks.Values.Select(t => t.Result).OfType<JobRunner.Result>().ToList();
    }

    /// <summary>A number that changes whenever a commit is put or deleted or a pipeline changes: watch polls it, taking
    /// it before a pass, so a commit landing during the pass makes another one. Jobs' own output commits do not count:
    /// the pass that made them has carried them downstream already.</summary>
    public long ChangeMark()
    {
        using var db = home.Metadata();
        return db.Scalar<long>("SELECT (SELECT COUNT(*) FROM commits WHERE job IS NULL) * 1000003"
            + " + (SELECT COALESCE(SUM(version), 0) FROM pipelines) + (SELECT COUNT(*) FROM pipelines) * 7919");
    }

    /// <summary>Work folders of a runner that was killed.</summary>
    public void CleanAbandonedWork()
    {
        foreach (var dir in Directory.EnumerateDirectories(home.Work)) Directory.Delete(dir, recursive: true);
        if (home.Objects.RemoveAbandoned() is > 0 and var removed)
            log.Info($"removed {removed} temporary files a killed process left in the object store");
    }
}
