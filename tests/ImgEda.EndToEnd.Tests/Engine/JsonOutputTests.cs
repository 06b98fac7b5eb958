using System.Text.Json.Nodes;

namespace ImgEda.EndToEnd.Tests.Engine;

/// <summary>`-o json` on the list and inspect commands: one JSON document for scripts, as pachctl users
/// expect.</summary>
public class JsonOutputTests
{
    [Fact]
    public void Every_list_and_inspect_command_prints_one_json_document_with_o_json()
    {
        using var tmp = new TempDir();
        var engine = HostileStepTests.WithScript(tmp, """echo ok > "$PFS_ROOT/out/$(basename "$images").txt" """);
        engine.Ok("run");

        var jobs = JsonNode.Parse(engine.Ok("job", "list", "-o", "json").Stdout)!.AsArray();
        var job = Assert.Single(jobs)!;
        Assert.Equal(("step", "success", 3, 0, 0, 0), ((string?)job["pipeline"], (string?)job["state"],
            (int)job["datums"]!["processed"]!, (int)job["datums"]!["skipped"]!, (int)job["datums"]!["failed"]!,
            (int)job["datums"]!["retried"]!));
        Assert.True((double)job["seconds"]! >= 0);
        var inspected = JsonNode.Parse(engine.Ok("job", "inspect", (string)job["id"]!, "-o", "json").Stdout)!;
        Assert.Equal("images", (string?)inspected["inputs"]![0]!["repo"]);

        var pipeline = Assert.Single(JsonNode.Parse(engine.Ok("pipeline", "list", "-o", "json").Stdout)!.AsArray())!;
        Assert.Equal(("step", "/*", "success"),
            ((string?)pipeline["name"], (string?)pipeline["inputs"]![0]!["glob"],
                (string?)pipeline["last_job"]!["state"]));
        var repos = JsonNode.Parse(engine.Ok("repo", "list", "-o", "json").Stdout)!.AsArray();
        Assert.Equal(["images", "step"], repos.Select(r => (string)r!["name"]!));
        Assert.Equal(3, (int)repos[1]!["files"]!);
        var commitList = engine.Ok("commit", "list", "images", "-o", "json").Stdout;
        var commits = JsonNode.Parse(commitList)!.AsArray();
        Assert.Equal(3, (int)Assert.Single(commits)!["files"]!);
        File.WriteAllText(tmp["new.txt"], "new");
        engine.Ok("put", "images", tmp["new.txt"], "-m", "v2+ <fix> & café");
        // Printed for people and scripts, not for a web page: nothing escaped as \u002B or \u00E9.
        Assert.Contains("\"v2+ <fix> & café\"", engine.Ok("commit", "list", "images", "-o", "json").Stdout);
        Assert.NotNull(JsonNode.Parse(engine.Ok("commit", "inspect", "step", "-o", "json").Stdout)!["provenance"]);
        var spec = JsonNode.Parse(engine.Ok("pipeline", "inspect", "step", "-o", "json").Stdout)!;
        Assert.Equal("step", (string?)spec["name"]);
        Assert.Equal(1, engine.Run("job", "list", "-o", "yaml").ExitCode);

        var files = JsonNode.Parse(engine.Ok("ls", "images", "-o", "json").Stdout)!.AsArray();
        Assert.Equal(4, files.Count);
        Assert.Equal(3L, (long)files.Single(f => (string)f!["path"]! == "new.txt")!["size"]!);
        var diff = JsonNode.Parse(engine.Ok("commit", "diff", "images@^1", "images", "-o", "json").Stdout)!;
        Assert.Equal(["new.txt"], diff["added"]!.AsArray().Select(p => (string)p!));
        Assert.Empty(diff["removed"]!.AsArray());
    }

    /// <summary>Linux allows a line break in a file name; the table shows it as \n so that one file stays one row,
    /// and -o json has the name as it is.</summary>
    [Fact]
    public void A_line_break_in_a_name_keeps_the_table_one_row_a_file()
    {
        using var tmp = new TempDir();
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.Ok("repo", "create", "images");
        Directory.CreateDirectory(tmp["put"]);
        File.WriteAllText(tmp["put/new\nline.txt"], "x");
        File.WriteAllText(tmp["put/plain.txt"], "y");
        engine.Ok("put", "images", tmp["put"]);
        var rows = engine.Ok("ls", "images").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rows.Length);
        Assert.EndsWith("new\\nline.txt", rows[0]);
        var files = JsonNode.Parse(engine.Ok("ls", "images", "-o", "json").Stdout)!.AsArray();
        Assert.Equal("new\nline.txt", (string)files[0]!["path"]!);
        Assert.StartsWith("+ new\\nline.txt", engine.Ok("commit", "diff", "images").Stdout);
    }
}
