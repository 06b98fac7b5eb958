using ImgEda.Core;
using ImgEda.Engine.Cli;
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
        var first = repos.Commit("images",
            [new("a.jpg", "h1", 1), new("dir/b.jpg", "h2", 2), new("dir/c.jpg", "h3", 3), new("dirt.jpg", "h4", 4)],
            "first")!;
        Assert.Null(repos.Commit("images", [new("a.jpg", "h1", 1)], "same again"));
        var second = repos.Commit("images", [new("a.jpg", "h9", 1), new("dir", null, 0)], "change a, drop dir")!;
        Assert.Equal(first.Id, second.Parent);
        Assert.Equal(["a.jpg", "dirt.jpg"], repos.Files(second.Id).Select(f => f.Path));
        Assert.Equal(4, repos.Files(first.Id).Count);
        var diff = repos.Diff(first.Id, second.Id);
        Assert.Equal((0, 2, 1), (diff.Added.Count, diff.Removed.Count, diff.Changed.Count));
        Assert.Equal(second.Id, CommitReference.Resolve(repos, "images").Id);
        Assert.Equal(first.Id, CommitReference.Resolve(repos, "images@^1").Id);
        Assert.Equal(first.Id, CommitReference.Resolve(repos, $"images@{first.Id[..8]}").Id);
        var noCommit = Assert.Throws<UsageException>(() => CommitReference.Resolve(repos, "images@ffffffff"));
        Assert.Contains("no commit", noCommit.Message);
        var noRepo = Assert.Throws<UsageException>(() => CommitReference.Resolve(repos, "nope"));
        Assert.Contains("imgeda repo create nope", noRepo.Message);
    }

    [Fact]
    public void A_commit_stores_its_changes_and_reads_back_whole_through_a_chain_of_deltas_and_snapshots()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        using var db = home.Metadata();
        var repos = new RepoCatalog(db);
        repos.Create("images");
        var expected = Enumerable.Range(0, 100)
            .ToDictionary(i => $"img{i:D3}.png", i => $"h{i}", StringComparer.Ordinal);
        var states = new List<(string Commit, Dictionary<string, string> Files)>();
        var hundredImages = expected.Select(p => new RepoCatalog.FileChange(p.Key, p.Value, 1));
        var first = repos.Commit("images", hundredImages, "100 images")!;
        states.Add((first.Id, new(expected)));
        for (var i = 0; i < RepoCatalog.MaxDepth + 5; i++)
        {
            // Each commit adds one image, changes one and removes a folder's worth (one file).
            var changes = new List<RepoCatalog.FileChange>
            {
                new($"new/{i}.png", $"n{i}", 1),
                new($"img{i:D3}.png", $"c{i}", 1),
                new($"img{99 - i:D3}.png", null, 0),
            };
            expected[$"new/{i}.png"] = $"n{i}";
            expected[$"img{i:D3}.png"] = $"c{i}";
            expected.Remove($"img{99 - i:D3}.png");
            states.Add((repos.Commit("images", changes, $"change {i}")!.Id, new(expected)));
        }

        foreach (var (commit, files) in states)
            Assert.Equal(files.OrderBy(p => p.Key, StringComparer.Ordinal),
                repos.Files(commit).Select(f => KeyValuePair.Create(f.Path, f.Object)));
        long Rows(string commit) => db.Scalar<long>("SELECT COUNT(*) FROM files WHERE commit_id = $c", ("$c", commit));
        long Depth(string commit) => db.Scalar<long>("SELECT depth FROM commits WHERE id = $c", ("$c", commit));
        Assert.Equal(100, Rows(states[0].Commit));
        Assert.Equal(3, Rows(states[1].Commit));
        Assert.Equal(RepoCatalog.MaxDepth, Depth(states[RepoCatalog.MaxDepth].Commit));
        Assert.Equal(0, Depth(states[RepoCatalog.MaxDepth + 1].Commit));
        Assert.Equal(expected.Count, Rows(states[RepoCatalog.MaxDepth + 1].Commit));
        var diff = repos.Diff(states[1].Commit, states[^1].Commit);
        var each = RepoCatalog.MaxDepth + 4;
        Assert.Equal((each, each, each), (diff.Added.Count, diff.Removed.Count, diff.Changed.Count));
        // A removal is no object: check looks for the real ones only (here none are stored: every one is reported).
        var problems = StoreCheck.Run(db, home.Objects, deep: false);
        Assert.DoesNotContain("object  is missing", problems);
        Assert.Contains("object n0 is missing", problems);
    }

    [Fact]
    public void A_home_made_before_delta_commits_reads_its_commits_as_snapshots()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["home"]);
        var connectionString = $"Data Source={tmp["home/metadata.db"]};Pooling=False";
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection(connectionString))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE repos(name TEXT PRIMARY KEY, created TEXT NOT NULL, pipeline TEXT NULL);
                CREATE TABLE commits(id TEXT PRIMARY KEY, repo TEXT NOT NULL, seq INTEGER NOT NULL, parent TEXT NULL,
                    created TEXT NOT NULL, job TEXT NULL, description TEXT NULL, UNIQUE(repo, seq));
                CREATE TABLE files(commit_id TEXT NOT NULL, path TEXT NOT NULL, object TEXT NOT NULL,
                    size INTEGER NOT NULL, PRIMARY KEY(commit_id, path)) WITHOUT ROWID;
                INSERT INTO repos VALUES('images', '2026-01-01T00:00:00Z', NULL);
                INSERT INTO commits VALUES('c1', 'images', 1, NULL, '2026-01-01T00:00:00Z', NULL, NULL),
                    ('c2', 'images', 2, 'c1', '2026-01-01T00:00:00Z', NULL, NULL);
                INSERT INTO files VALUES('c1', 'a.png', 'h1', 1), ('c2', 'a.png', 'h1', 1), ('c2', 'b.png', 'h2', 2);
                """;
            create.ExecuteNonQuery();
        }
        var home = EngineHome.Open(tmp["home"]);
        using var db = home.Metadata();
        var repos = new RepoCatalog(db);
        Assert.Equal(["a.png", "b.png"], repos.Files("c2").Select(f => f.Path));
        var third = repos.Commit("images", [new("a.png", null, 0)], "drop a")!;
        Assert.Equal(["b.png"], repos.Files(third.Id).Select(f => f.Path));
        Assert.Equal(["a.png"], repos.Files("c1").Select(f => f.Path));
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
        using var writer = System.Diagnostics.Process.Start("sleep", "60");
        File.WriteAllText(Path.Combine(temporary, "999999999-dead"), "");
        File.WriteAllText(Path.Combine(temporary, $"{writer.Id}-alive"), "");
        Assert.Equal(1, home.Objects.RemoveAbandoned());
        Assert.True(File.Exists(Path.Combine(temporary, $"{writer.Id}-alive")));
        writer.Kill();
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
        const string spec = """
            {"pipeline": {"name": "NAME"}, "transform": {"cmd": ["x"]},
             "input": {"pfs": {"repo": "images", "glob": "/*"}}}
            """;
        pipelines.Save(ImgEda.Engine.Specs.PipelineSpec.Parse(spec.Replace("NAME", "edges"), "a"), update: false);
        Assert.Equal("edges", repos.PipelineOf("edges"));
        pipelines.Delete("edges");
        var edgesAgain = ImgEda.Engine.Specs.PipelineSpec.Parse(spec.Replace("NAME", "edges"), "a");
        Assert.Equal(1, pipelines.Save(edgesAgain, update: false));
        var taken = Assert.Throws<UsageException>(() =>
            pipelines.Save(ImgEda.Engine.Specs.PipelineSpec.Parse(spec.Replace("NAME", "images"), "b"), update: false));
        Assert.Contains("exists already", taken.Message);
    }

    [Fact]
    public void A_path_cannot_be_a_file_and_a_folder_and_the_head_minus_one_is_no_commit()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        using var db = home.Metadata();
        var repos = new RepoCatalog(db);
        repos.Create("images");
        var first = repos.Commit("images", [new("a", "h1", 1), new("dir/b.png", "h2", 2)], "first")!;
        string Refusal(params string[] paths) => Assert.Throws<UsageException>(
            () => repos.Commit("images", paths.Select(p => new RepoCatalog.FileChange(p, "h3", 1)), null)).Message;
        Assert.Contains("a is a file", Refusal("a/b.png"));
        Assert.Contains("file and a folder", Refusal("dir"));
        Assert.Contains("file and a folder", Refusal("x", "x/y"));
        Assert.Equal(first.Id, repos.Head("images")!.Id);
        Assert.NotNull(repos.Commit("images", [new("a", null, 0), new("a/b.png", "h3", 1)], "a becomes a folder"));
        Assert.Throws<UsageException>(() => CommitReference.Resolve(repos, "images@^-1"));
    }
}
