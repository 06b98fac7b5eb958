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
    }
}
