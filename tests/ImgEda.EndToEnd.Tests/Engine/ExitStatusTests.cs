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
        string[] asUser = Environment.UserName == "root"
            ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", RepoPaths.Engine]
            : [RepoPaths.Engine];
        Processes.Result Imgeda(params string[] args) => Processes.Run(asUser[0], [.. asUser[1..], "--home", tmp["home"], .. args]);
        Assert.Equal(0, Imgeda("repo", "create", "images").ExitCode);

        var put = Imgeda("put", "images", tmp["photos"]);

        Assert.Equal(2, put.ExitCode);
        Assert.Contains("secret.png", put.Stderr);
        Assert.Equal(["one.png"], Imgeda("ls", "images").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]));
    }
}
