using ImgEda.Core.Running;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Jobs;

/// <summary>Brings every pipeline up to date with its inputs' head commits, upstream first, so one pass carries a new
/// commit through the whole DAG. Holds the home's lock while it works: one runner per home.</summary>
public sealed class PipelineScheduler(EngineHome home, StepLauncher launcher, StepLog log)
{
    /// <summary>Runs what is pending; returns the jobs that ran.</summary>
    public List<JobRunner.Result> RunPending(bool reprocess, IReadOnlyCollection<string> only)
    {
        using var db = home.Metadata();
        var pipelines = new PipelineCatalog(db, new RepoCatalog(db));
        var runner = new JobRunner(home, db, launcher, log);
        var ran = new List<JobRunner.Result>();
        foreach (var entry in pipelines.InOrder().Where(e => only.Count == 0 || only.Contains(e.Spec.Name)))
        {
            var result = runner.Run(entry, reprocess);
            if (result.Job is not null) ran.Add(result);
            else log.Debug($"{entry.Spec.Name}: {result.Status}");
        }
        return ran;
    }

    /// <summary>A number that changes whenever a commit lands or a pipeline changes: watch polls it.</summary>
    public long ChangeMark()
    {
        using var db = home.Metadata();
        return db.Scalar<long>("SELECT (SELECT COUNT(*) FROM commits) * 1000003 + (SELECT COALESCE(SUM(version), 0) FROM pipelines) + (SELECT COUNT(*) FROM pipelines) * 7919");
    }

    /// <summary>Work folders of a runner that was killed.</summary>
    public void CleanAbandonedWork()
    {
        foreach (var dir in Directory.EnumerateDirectories(home.Work)) Directory.Delete(dir, recursive: true);
        if (home.Objects.RemoveAbandoned() is > 0 and var removed) log.Info($"removed {removed} temporary files a killed process left in the object store");
    }
}
