using System.Text.Json.Nodes;

namespace ImgEda.EndToEnd.Tests.Engine;

/// <summary>Nothing silently lost between runs (issue 15): a commit landing while watch runs a pass, datums that
/// failed, an emptied dataset.</summary>
public class EngineSchedulingTests
{
    [Fact]
    public void A_failed_datum_is_tried_again_by_the_next_run()
    {
        using var tmp = new TempDir();
        var fixedFlag = tmp["fixed"];
        var engine = HostileStepTests.WithScript(tmp, $"""
            case "$images" in *{Path.GetFileName(RepoPaths.SampleFiles[1])}) test -e '{fixedFlag}' || exit 3;; esac
            echo ok > "$PFS_ROOT/out/$(basename "$images").txt"
            """);
        engine.Ok(2, "run");
        Assert.Equal(2, engine.Contents("step", tmp.Path).Count);
        // The cause is fixed: the next run processes the failed datum (and only it) and succeeds.
        File.WriteAllText(fixedFlag, "");
        engine.Ok("run");
        var job = engine.LastJob("step");
        var datums = job["datums"]!;
        Assert.Equal(("success", 1, 2), ((string?)job["state"], (int)datums["processed"]!, (int)datums["skipped"]!));
        Assert.Equal(3, engine.Contents("step", tmp.Path).Count);
        Assert.Contains("every pipeline is up to date", engine.Ok("run").Stderr);
    }

    [Fact]
    public void Run_with_an_unknown_pipeline_name_is_a_usage_error()
    {
        using var tmp = new TempDir();
        var engine = HostileStepTests.WithScript(tmp, "true", glob: "/");
        Assert.Contains("no pipeline named 'anlyze'", engine.Ok(1, "run", "-p", "anlyze").Stderr);
        Assert.Empty(engine.Jobs("step"));
    }

    [Fact]
    public void Watch_processes_a_commit_that_lands_while_a_pass_runs()
    {
        using var tmp = new TempDir();
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.Ok("repo", "create", "images");
        File.WriteAllText(tmp["step.json"], """
            {"pipeline": {"name": "step"}, "input": {"pfs": {"repo": "images", "glob": "/*"}},
             "transform": {"cmd": ["sh", "-c", "sleep 3; echo ok > \"$PFS_ROOT/out/$(basename \"$images\").txt\""]}}
            """);
        engine.Ok("pipeline", "create", "-f", tmp["step.json"]);
        File.WriteAllText(tmp["a.txt"], "a");
        File.WriteAllText(tmp["b.txt"], "b");
        using var watch = engine.Start("watch", "--interval", "0.1");
        try
        {
            engine.Ok("put", "images", tmp["a.txt"]);
            // The pass over a.txt is running (its datum's work folder exists): b.txt lands in the middle of it.
            WaitFor(() => Directory.Exists(tmp["home/work"])
                && Directory.EnumerateDirectories(tmp["home/work"])
                    .Any(d => Path.GetFileName(d).All(char.IsAsciiHexDigitLower)));
            engine.Ok("put", "images", tmp["b.txt"]);
            WaitFor(() => engine.Run("ls", "step").Stdout.Contains("b.txt.txt", StringComparison.Ordinal));
            Assert.Contains("a.txt.txt", engine.Ok("ls", "step").Stdout);
        }
        finally
        {
            watch.Kill();
            watch.WaitForExit();
        }
    }

    [Fact]
    public void An_emptied_dataset_is_merged_as_empty_and_fails_the_gate()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["photos"], RepoPaths.SampleFiles.Take(3));
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.CreateChain(tmp["photos"]);
        engine.Run("run");
        engine.Ok(["delete", "images", .. RepoPaths.SampleFiles.Take(3).Select(Path.GetFileName).OfType<string>()]);
        engine.Ok(2, "run");
        var manifest = engine.Contents("merge", tmp.Path);
        var text = System.Text.Encoding.UTF8.GetString(manifest["manifest.jsonl"]);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // gate writes its verdict (a failed one) and succeeds; enforce fails the job on it, as on Pachyderm.
        Assert.Equal("success", (string?)engine.LastJob("gate")["state"]);
        var verdict = JsonNode.Parse(engine.Contents("gate", tmp.Path)["verdict.json"])!;
        Assert.False((bool)verdict["passed"]!, verdict.ToJsonString());
        var enforce = engine.LastJob("enforce");
        Assert.Equal(("failure", 1), ((string?)enforce["state"], (int)enforce["datums"]!["failed"]!));
        Assert.Contains("dataset violates the policy", (string?)enforce["failed_datums"]![0]!["error"]);
        Assert.Equal(1, (int)engine.LastJob("plot")["datums"]!["processed"]!);
    }

    private static void WaitFor(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "timed out waiting");
            Thread.Sleep(100);
        }
    }
}
