using ImgEda.Core;
using ImgEda.Core.Running;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Tests.Storage;

public class FileImporterTests
{
    [Fact]
    public void Put_keeps_folder_paths_under_the_destination_and_reports_what_is_missing()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        Directory.CreateDirectory(tmp["photos/sub"]);
        File.Copy(RepoPaths.SampleFiles[0], tmp["photos/one.png"]);
        File.Copy(RepoPaths.SampleFiles[1], tmp["photos/sub/two.png"]);
        using (var db = home.Metadata()) new RepoCatalog(db).Create("images");
        var errors = new StringWriter();
        var importer = new FileImporter(home, new StepLog("imgeda", errors, false));
        var missing = new List<string>();
        var sources = FileImporter.Expand([tmp["photos"], tmp["nowhere"]], "/batch1", missing.Add);
        var outcome = importer.Put("images", sources, "first");

        using var check = home.Metadata();
        var files = new RepoCatalog(check).Files(outcome.Commit!.Id).Select(f => f.Path).ToList();
        // An unreadable file (which root would read anyway) is tested as an ordinary user: Engine/ExitStatusTests.
        Assert.Equal(["batch1/one.png", "batch1/sub/two.png"], files);
        Assert.Empty(outcome.Unreadable);
        Assert.Contains("nowhere", Assert.Single(missing));
    }

    [Fact]
    public void Put_into_a_pipeline_output_repo_is_refused()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        using (var db = home.Metadata()) new RepoCatalog(db).Create("edges", pipeline: "edges");
        File.WriteAllText(tmp["a.txt"], "a");
        var importer = new FileImporter(home, new StepLog("imgeda", TextWriter.Null, false));
        var e = Assert.Throws<UsageException>(() =>
            importer.Put("edges", FileImporter.Expand([tmp["a.txt"]], "/", _ => { }), null));
        Assert.Contains("output repo of pipeline edges", e.Message);
    }

    [Fact]
    public void Delete_refuses_a_pipeline_output_repo_as_put_does()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        using (var db = home.Metadata())
        {
            var repos = new RepoCatalog(db);
            repos.Create("analyze", pipeline: "analyze");
            repos.Commit("analyze", [new("images/a.jpg.json", "h1", 1)], "a job's output");
        }
        var importer = new FileImporter(home, new StepLog("imgeda", new StringWriter(), false));
        var refused = Assert.Throws<UsageException>(() => importer.Delete("analyze", ["images"], null));
        Assert.Contains("output repo of pipeline analyze", refused.Message);
        using var check = home.Metadata();
        Assert.Single(new RepoCatalog(check).Files(new RepoCatalog(check).Head("analyze")!.Id));
    }

    [Fact]
    public void Put_takes_regular_files_only_and_follows_links_by_one_rule()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["photos/real"]);
        Directory.CreateDirectory(tmp["elsewhere"]);
        File.WriteAllText(tmp["photos/real/a.png"], "a");
        File.WriteAllText(tmp["elsewhere/outside.png"], "o");
        Assert.Equal(0, Processes.Run("mkfifo", [tmp["photos/pipe.png"]]).ExitCode);
        File.CreateSymbolicLink(tmp["photos/zero.png"], "/dev/zero");
        Directory.CreateSymbolicLink(tmp["photos/linked-folder"], tmp["photos/real"]);
        File.CreateSymbolicLink(tmp["photos/outside.png"], tmp["elsewhere/outside.png"]);
        File.CreateSymbolicLink(tmp["photos/inside.png"], tmp["photos/real/a.png"]);
        File.CreateSymbolicLink(tmp["photos/loop.png"], tmp["photos/loop.png"]);
        var skipped = new List<string>();
        var sources = FileImporter.Expand([tmp["photos"], tmp["photos/pipe.png"]], "/", skipped.Add);
        Assert.Equal(["inside.png", "real/a.png"], sources.Select(s => s.RepoPath).Order(StringComparer.Ordinal));
        foreach (var name in new[] { "pipe.png", "zero.png", "linked-folder", "outside.png", "loop.png" })
            Assert.Contains(skipped, s => s.Contains(name, StringComparison.Ordinal));
        Assert.Equal(6, skipped.Count);
    }
}
