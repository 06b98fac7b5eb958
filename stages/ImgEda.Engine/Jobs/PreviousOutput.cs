using ImgEda.Core.Running;
using ImgEda.Engine.Datums;
using ImgEda.Engine.Specs;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Jobs;

/// <summary>What the engine hands the step of an incremental pipeline (one datum over whole repos, annotated
/// imgeda.io/incremental): its previous output, checked out, and the paths added, changed or removed in each input
/// since the job that made it (<see cref="ChangedFiles"/>). Only when that job read the same inputs from the same
/// repos; otherwise, or with --reprocess, the step gets nothing and reads everything.</summary>
public sealed class PreviousOutput(RepoCatalog repos, JobCatalog jobs, RepoCheckouts checkouts)
{
    public Dictionary<string, string> Variables(
        PipelineSpec spec,
        IReadOnlyList<JobCatalog.InputCommit> inputs,
        JobDatum datum,
        string workFolder)
    {
        if (!spec.Incremental || datum.Parts.Any(p => p.MatchedPath != "/")) return [];
        var head = repos.Head(spec.Name);
        if (head?.Job is null) return [];
        var before = jobs.Provenance(head.Job).ToDictionary(p => p.Input, StringComparer.Ordinal);
        var sameInputs = before.Count == inputs.Count
            && inputs.All(i => before.TryGetValue(i.Input, out var b) && b.Repo == i.Repo);
        if (!sameInputs) return [];

        var changed = inputs.ToDictionary(i => i.Input, i =>
        {
            var diff = repos.Diff(before[i.Input].CommitId, i.CommitId);
            return (IReadOnlyList<string>)[.. diff.Added, .. diff.Removed, .. diff.Changed];
        }, StringComparer.Ordinal);
        var file = Path.Combine(workFolder, "changed.json");
        ChangedFiles.Write(file, changed);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ChangedFiles.PreviousVariable] = checkouts.At(spec.Name, head.Id),
            [ChangedFiles.Variable] = file,
        };
    }
}
