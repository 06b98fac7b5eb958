using System.Diagnostics;
using System.Text.Json;

namespace ImgEda.EndToEnd.Tests.Engine;

/// <summary>Custom steps (shell scripts) that attack the engine (issue 15): links left in out/, writes into the
/// inputs, children left running, hangs; and transform.stdin.</summary>
public class HostileStepTests
{
    /// <summary>A home with an images repo of three samples and one pipeline running <paramref name="script"/> under
    /// sh over <paramref name="glob"/>; <paramref name="extra"/> adds top-level spec fields.</summary>
    internal static EngineHomeUnderTest WithScript(TempDir tmp, string script, string glob = "/*", string extra = "")
    {
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.Ok("repo", "create", "images");
        OutputTree.CopyInto(tmp["photos"], RepoPaths.SampleFiles.Take(3));
        engine.Ok("put", "images", tmp["photos"]);
        var command = JsonSerializer.Serialize(script, EndToEndJson.Default.String);
        File.WriteAllText(tmp["step.json"], $$$"""
            {"pipeline": {"name": "step"}, "input": {"pfs": {"repo": "images", "glob": "{{{glob}}}"}},
             "transform": {"cmd": ["sh", "-c", {{{command}}}]}, "datumTries": 1 {{{extra}}}}
            """);
        engine.Ok("pipeline", "create", "-f", tmp["step.json"]);
        return engine;
    }

    [Fact]
    public void Links_left_in_out_fail_the_datum_and_nothing_behind_them_moves()
    {
        using var tmp = new TempDir();
        var host = Directory.CreateDirectory(tmp["host"]).FullName;
        File.WriteAllText(Path.Combine(host, "keep.txt"), "host");
        File.SetUnixFileMode(Path.Combine(host, "keep.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var engine = WithScript(tmp, $"""
            ln -s '{host}' "$PFS_ROOT/out/stuff"; ln -s '{host}/keep.txt' "$PFS_ROOT/out/file"
            ln -s . "$PFS_ROOT/out/self"
            """, glob: "/");
        engine.Ok(2, "run");
        var job = engine.LastJob("step");
        Assert.Equal("failure", (string?)job["state"]);
        Assert.Contains("symbolic link at out/", (string?)job["failed_datums"]![0]!["error"]);
        Assert.Equal("host", File.ReadAllText(Path.Combine(host, "keep.txt")));
        var mode = File.GetUnixFileMode(Path.Combine(host, "keep.txt"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        engine.Ok("check", "--deep");
    }

    [Theory]
    [InlineData("/*")]
    [InlineData("/")]
    public void A_step_writing_into_its_inputs_cannot_change_the_stored_files(string glob)
    {
        using var tmp = new TempDir();
        var engine = WithScript(tmp, """
            for f in $(find -L "$PFS_ROOT/images" -type f); do echo x > "$f"; printf x >> "$f"; chmod 666 "$f"; done
            echo ok > "$PFS_ROOT/out/$(basename "$images").txt"
            """, glob);
        engine.Run("run");
        engine.Ok("check", "--deep");
        var first = RepoPaths.SampleFiles[0];
        var stored = engine.Contents($"images:{Path.GetFileName(first)}", tmp.Path).Values.Single();
        Assert.Equal(File.ReadAllBytes(first), stored);
    }

    [Fact]
    public void Every_process_of_a_step_dies_with_a_killed_engine()
    {
        using var tmp = new TempDir();
        var marker = 3000 + Random.Shared.Next(1000);
        var engine = WithScript(tmp, $"(sleep {marker}.1 &); sleep {marker}.2 & sleep {marker}.3; wait", glob: "/");
        using var run = engine.Start("run");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Sleepers(marker).Count < 3 && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Assert.Equal(3, Sleepers(marker).Count);
        run.Kill();
        run.WaitForExit();
        deadline = DateTime.UtcNow.AddSeconds(5);
        while (Sleepers(marker).Count > 0 && DateTime.UtcNow < deadline) Thread.Sleep(100);
        var survivors = Sleepers(marker);
        foreach (var pid in survivors) Process.GetProcessById(pid).Kill();
        Assert.Empty(survivors);
    }

    /// <summary>The sleep processes this test started (their arguments carry the marker).</summary>
    private static List<int> Sleepers(int marker) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit))
            .Select(n => (Pid: int.Parse(n!), Cmd: TryRead($"/proc/{n}/cmdline")))
            .Where(p => p.Cmd.StartsWith("sleep\0", StringComparison.Ordinal)
                && p.Cmd.Contains($"{marker}.", StringComparison.Ordinal))
            .Select(p => p.Pid).ToList();

    private static string TryRead(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (IOException)
        {
            return "";
        }
    }

    [Fact]
    public void A_datum_over_its_datumTimeout_is_killed_and_failed()
    {
        using var tmp = new TempDir();
        var engine = WithScript(tmp, "sleep 60", glob: "/", extra: """, "datumTimeout": "1s" """);
        var clock = Stopwatch.StartNew();
        engine.Ok(2, "run");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"run took {clock.Elapsed}");
        Assert.Contains("killed after 1 s", (string?)engine.LastJob("step")["failed_datums"]![0]!["error"]);
    }

    [Fact]
    public void A_job_over_its_jobTimeout_stops_and_fails_the_datums_left()
    {
        using var tmp = new TempDir();
        var engine = WithScript(tmp, "sleep 60", glob: "/*", extra: """, "jobTimeout": "2s" """);
        var clock = Stopwatch.StartNew();
        engine.Ok(2, "run");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"run took {clock.Elapsed}");
        var job = engine.LastJob("step");
        Assert.Equal(3, (int)job["datums"]!["failed"]!);
    }

    [Fact]
    public void Transform_stdin_is_the_commands_input()
    {
        using var tmp = new TempDir();
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.Ok("repo", "create", "images");
        File.WriteAllText(tmp["a.txt"], "a");
        engine.Ok("put", "images", tmp["a.txt"]);
        File.WriteAllText(tmp["step.json"], """
            {"pipeline": {"name": "step"}, "input": {"pfs": {"repo": "images", "glob": "/"}},
             "transform": {"cmd": ["sh"], "stdin": [
                "cp \"$PFS_ROOT/images/a.txt\" \"$PFS_ROOT/out/copied.txt\"",
                "echo said > \"$PFS_ROOT/out/said.txt\""]}}
            """);
        engine.Ok("pipeline", "create", "-f", tmp["step.json"]);
        engine.Ok("run");
        var outputs = engine.Contents("step", tmp.Path);
        Assert.Equal(["copied.txt", "said.txt"], outputs.Keys);
        Assert.Equal("said\n", System.Text.Encoding.UTF8.GetString(outputs["said.txt"]));
    }

    [Fact]
    public void A_crashed_step_is_reported_by_its_exception_not_its_last_stack_frame()
    {
        using var tmp = new TempDir();
        var engine = WithScript(tmp, """
            echo "Unhandled exception: System.InvalidOperationException: boom" >&2
            echo "   at Some.Frame() + 0x1b" >&2; exit 134
            """, glob: "/");
        engine.Ok(2, "run");
        var error = (string?)engine.LastJob("step")["failed_datums"]![0]!["error"];
        Assert.Contains("Unhandled exception: System.InvalidOperationException: boom", error);
        Assert.DoesNotContain("Some.Frame", error);
    }
}
