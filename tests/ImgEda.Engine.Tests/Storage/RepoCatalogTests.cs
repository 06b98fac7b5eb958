using ImgEda.Core;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Tests.Storage;

public class RepoCatalogTests
{
    [Fact]
    public void A_commit_is_the_parent_plus_changes_and_an_unchanged_put_makes_none()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        using var db = home.Metadata();
        var repos = new RepoCatalog(db);
        repos.Create("images");
        var first = repos.Commit("images", [new("a.jpg", "h1", 1), new("dir/b.jpg", "h2", 2), new("dir/c.jpg", "h3", 3), new("dirt.jpg", "h4", 4)], "first")!;
        Assert.Null(repos.Commit("images", [new("a.jpg", "h1", 1)], "same again"));
        var second = repos.Commit("images", [new("a.jpg", "h9", 1), new("dir", null, 0)], "change a, drop dir")!;
        Assert.Equal(first.Id, second.Parent);
        Assert.Equal(["a.jpg", "dirt.jpg"], repos.Files(second.Id).Select(f => f.Path));
        Assert.Equal(4, repos.Files(first.Id).Count);
        var diff = repos.Diff(first.Id, second.Id);
        Assert.Equal((0, 2, 1), (diff.Added.Count, diff.Removed.Count, diff.Changed.Count));
        Assert.Equal(second.Id, repos.Resolve("images").Id);
        Assert.Equal(first.Id, repos.Resolve("images@^1").Id);
        Assert.Equal(first.Id, repos.Resolve($"images@{first.Id[..8]}").Id);
        Assert.Contains("no commit", Assert.Throws<UsageException>(() => repos.Resolve("images@ffffffff")).Message);
        Assert.Contains("imgeda repo create nope", Assert.Throws<UsageException>(() => repos.Resolve("nope")).Message);
    }

    [Fact]
    public void Objects_are_stored_once_with_a_fixed_time_and_abandoned_temporaries_go()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        File.WriteAllText(tmp["a"], "same bytes");
        File.WriteAllText(tmp["b"], "same bytes");
        var (hashA, size) = home.Objects.AddCopy(tmp["a"]);
        var (hashB, _) = home.Objects.AddCopy(tmp["b"]);
        Assert.Equal(hashA, hashB);
        Assert.Equal(10, size);
        Assert.Single(Directory.GetFiles(Path.Combine(tmp["home"], "objects"), "*", SearchOption.AllDirectories));
        Assert.Equal(ObjectStore.FixedTime, File.GetLastWriteTimeUtc(home.Objects.PathOf(hashA)));
        // A dead writer's temporary file (no such pid) goes; a live one's stays.
        var temporary = Directory.CreateDirectory(Path.Combine(tmp["home"], "objects", "tmp")).FullName;
        File.WriteAllText(Path.Combine(temporary, "999999999-dead"), "");
        File.WriteAllText(Path.Combine(temporary, $"{Environment.ProcessId}-alive"), "");
        Assert.Equal(1, home.Objects.RemoveAbandoned());
        Assert.True(File.Exists(Path.Combine(temporary, $"{Environment.ProcessId}-alive")));
    }

    [Fact]
    public void A_deleted_pipeline_takes_its_output_repo_back_but_no_pipeline_takes_an_input_repo()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        using var db = home.Metadata();
        var repos = new RepoCatalog(db);
        var pipelines = new PipelineCatalog(db, repos);
        repos.Create("images");
        const string spec = """{"pipeline": {"name": "NAME"}, "transform": {"cmd": ["x"]}, "input": {"pfs": {"repo": "images", "glob": "/*"}}}""";
        pipelines.Save(ImgEda.Engine.Specs.PipelineSpec.Parse(spec.Replace("NAME", "edges"), "a"), update: false);
        Assert.Equal("edges", repos.PipelineOf("edges"));
        pipelines.Delete("edges");
        Assert.Equal(1, pipelines.Save(ImgEda.Engine.Specs.PipelineSpec.Parse(spec.Replace("NAME", "edges"), "a"), update: false));
        var taken = Assert.Throws<UsageException>(() => pipelines.Save(ImgEda.Engine.Specs.PipelineSpec.Parse(spec.Replace("NAME", "images"), "b"), update: false));
        Assert.Contains("exists already", taken.Message);
    }
}
