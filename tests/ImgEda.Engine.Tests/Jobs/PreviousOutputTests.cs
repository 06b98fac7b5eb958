using System.Text.Json;
using ImgEda.Core.Running;
using ImgEda.Engine.Datums;
using ImgEda.Engine.Jobs;
using ImgEda.Engine.Specs;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Tests.Jobs;

public class PreviousOutputTests
{
    private static PipelineSpec Merge(bool incremental) => PipelineSpec.Parse("""
        {"pipeline": {"name": "merge"}, "input": {"pfs": {"repo": "analyze", "glob": "/"}},
         "transform": {"cmd": ["imgeda-merge"]}, "metadata": {"annotations": {"imgeda.io/incremental": "FLAG"}}}
        """.Replace("FLAG", incremental ? "true" : "false"), "test");

    [Fact]
    public void An_incremental_pipeline_gets_its_previous_output_and_what_changed_since_the_job_that_made_it()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        using var db = home.Metadata();
        var repos = new RepoCatalog(db);
        var jobs = new JobCatalog(db, repos);
        repos.Create("analyze");
        repos.Create("other");
        repos.Create("merge", pipeline: "merge");
        var before = repos.Commit("analyze",
            [new("a.json", "h1", 1), new("b.json", "h2", 1), new("c.json", "h3", 1)], "first")!;
        repos.Commit("other", [new("a.json", "h1", 1)], "first");
        var spec = Merge(incremental: true);
        var datum = DatumPlanner.Plan(spec, _ => repos.Files(before.Id)).Single();
        File.WriteAllText(tmp["manifest.jsonl"], "{}\n");
        var (hash, size) = home.Objects.AddCopy(tmp["manifest.jsonl"]);
        var output = new RepoFile("manifest.jsonl", hash, size);
        jobs.Save(new JobCatalog.JobResult("job1", "merge", 1, "k1", [new("analyze", "analyze", before.Id)],
            [new JobCatalog.DatumOutcome(datum, JobCatalog.Processed, 1, null, [output])],
            DateTimeOffset.UtcNow, TimeSpan.Zero));

        var now = repos.Commit("analyze",
            [new("a.json", "h9", 1), new("c.json", null, 0), new("d.json", "h4", 1)], "second")!;
        var work = Directory.CreateDirectory(tmp["work"]).FullName;
        var previous = new PreviousOutput(repos, jobs, new RepoCheckouts(home, repos.Files));
        var variables = previous.Variables(spec, [new("analyze", "analyze", now.Id)], datum, work);

        Assert.True(File.Exists(Path.Combine(variables[ChangedFiles.PreviousVariable], "manifest.jsonl")));
        var changedJson = File.ReadAllText(variables[ChangedFiles.Variable]);
        var changed = JsonSerializer.Deserialize<Dictionary<string, string[]>>(changedJson)!;
        Assert.Equal(["a.json", "c.json", "d.json"], changed["analyze"].Order());
        Assert.Empty(previous.Variables(Merge(incremental: false), [new("analyze", "analyze", now.Id)], datum, work));
        Assert.Empty(previous.Variables(spec, [new("analyze", "other", repos.Head("other")!.Id)], datum, work));
    }
}
