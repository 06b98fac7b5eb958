namespace ImgEda.EndToEnd.Tests.Engine;

/// <summary>The engine's exit statuses say what went wrong: a file the user named that is missing is a usage error
/// (1), not an unwritable home (4); a home that cannot be written is 4.</summary>
public class ExitStatusTests
{
    [Fact]
    public void A_missing_list_file_is_a_usage_error_and_an_unwritable_home_is_status_4()
    {
        using var tmp = new TempDir();
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.Ok("repo", "create", "images");

        var missingList = engine.Ok(1, "put", "images", "--list", tmp["no-such-list.txt"]);
        Assert.Contains("no-such-list.txt", missingList.Stderr);
        Assert.DoesNotContain("cannot write", missingList.Stderr);

        // A regular file where the home's folder must be: nothing can be created under it, for root too.
        File.WriteAllText(tmp["file"], "");
        var unwritable = new EngineHomeUnderTest(tmp["file/home"]).Ok(4, "repo", "create", "images");
        Assert.Contains("cannot write the home", unwritable.Stderr);
        Assert.DoesNotContain("   at ", unwritable.Stderr);
    }

    [Fact]
    public void An_unreadable_file_is_reported_and_skipped_the_others_are_committed_and_put_exits_2()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["photos"]);
        File.Copy(RepoPaths.SampleFiles[0], tmp["photos/one.png"]);
        File.WriteAllText(tmp["photos/secret.png"], "x");
        File.SetUnixFileMode(tmp["photos/secret.png"], UnixFileMode.None);
        Directory.CreateDirectory(tmp["home"]);
        foreach (var dir in new[] { tmp.Path, tmp["photos"], tmp["home"] })
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
        // root reads anything: put runs as an ordinary user so that the permission bits count.
        Processes.Result Imgeda(params string[] args) =>
            Processes.RunAsOrdinaryUser(RepoPaths.Engine, ["--home", tmp["home"], .. args]);
        Assert.Equal(0, Imgeda("repo", "create", "images").ExitCode);

        var put = Imgeda("put", "images", tmp["photos"]);

        Assert.Equal(2, put.ExitCode);
        Assert.Contains("secret.png", put.Stderr);
        Assert.Equal(["one.png"], Imgeda("ls", "images").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]));
    }

    [Fact]
    public void Check_deep_finds_an_object_whose_bytes_were_changed_which_the_quick_check_cannot()
    {
        using var tmp = new TempDir();
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.Ok("repo", "create", "images");
        engine.Ok("put", "images", RepoPaths.SampleFiles[0]);
        // The objects folder also holds a tmp/ folder for writes in flight; the object is the one file outside it.
        var stored = Directory.GetFiles(tmp["home/objects"], "*", SearchOption.AllDirectories)
            .Single(f => !Path.GetRelativePath(tmp["home/objects"], f).StartsWith("tmp/", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(stored);
        bytes[bytes.Length / 2] ^= 0xFF; // same size, one byte flipped: bit rot, or an edit through a hard link
        File.SetUnixFileMode(stored, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllBytes(stored, bytes);

        engine.Ok("check");
        var deep = engine.Ok(2, "check", "--deep");
        Assert.Contains($"object {Path.GetFileName(Path.GetDirectoryName(stored))}", deep.Stdout + deep.Stderr);
        Assert.Contains("does not hold the content its name says", deep.Stdout + deep.Stderr);
    }

    [Fact]
    public void A_busy_home_is_status_3_and_wait_runs_once_the_other_runner_lets_go()
    {
        using var tmp = new TempDir();
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.Ok("repo", "list");
        // flock(1) takes the same lock on the home folder that a running `imgeda run` or `watch` holds.
        using var holder = System.Diagnostics.Process.Start("flock", [tmp["home"], "sleep", "3"]);
        Thread.Sleep(500);

        Assert.Contains("another imgeda run or watch is working", engine.Ok(3, "run").Stderr);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var waited = engine.Ok(0, "run", "--wait");
        Assert.Contains("waiting for it", waited.Stderr);
        Assert.True(holder.HasExited, "run --wait finished while the other runner still held the home");
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(1.5), $"run --wait returned after {clock.Elapsed}");
    }
}
