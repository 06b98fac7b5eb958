using ImgEda.Core;
using ImgEda.Engine.Specs;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Tests.Storage;

public class PipelineCatalogTests
{
    private static PipelineSpec Reading(string name, string repo) => PipelineSpec.Parse(
        $$$"""
        {"pipeline": {"name": "{{{name}}}"}, "input": {"pfs": {"repo": "{{{repo}}}", "glob": "/"}},
         "transform": {"cmd": ["true"]}}
        """,
        $"{name}.json");

    [Fact]
    public void An_update_that_makes_a_cycle_is_refused_and_changes_nothing()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        using var db = home.Metadata();
        var repos = new RepoCatalog(db);
        repos.Create("images");
        var pipelines = new PipelineCatalog(db, repos);
        pipelines.Save(Reading("a", "images"), update: false);
        pipelines.Save(Reading("b", "a"), update: false);
        var refused = Assert.Throws<UsageException>(() => pipelines.Save(Reading("a", "b"), update: true));
        Assert.Contains("cycle", refused.Message);
        Assert.Equal(["a", "b"], pipelines.InOrder().Select(e => e.Spec.Name));
        Assert.Equal("images", pipelines.Get("a")!.Spec.Input.Leaves().Single().Repo);
    }
}
