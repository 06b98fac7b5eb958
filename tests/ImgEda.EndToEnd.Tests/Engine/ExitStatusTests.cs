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
}
