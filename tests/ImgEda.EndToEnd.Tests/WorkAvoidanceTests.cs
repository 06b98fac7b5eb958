using System.Text.RegularExpressions;

namespace ImgEda.EndToEnd.Tests;

/// <summary>--previous: a datum whose bytes, step version and options are unchanged is carried over, not
/// recomputed.</summary>
public partial class WorkAvoidanceTests
{
    private static IReadOnlyList<string> Photos => RepoPaths.PhotoFiles.Where((_, i) => i % 4 == 0).ToList();

    [Theory]
    [InlineData("edges")]
    [InlineData("analyze")]
    [InlineData("hash")]
    [InlineData("thumbs")]
    public void Adding_one_image_computes_one_datum_and_the_result_equals_a_fresh_run(string step)
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["first/images"], Photos.Skip(1));
        var first = Processes.Run(RepoPaths.Step(step), ["--pfs", tmp["first"]]);
        Assert.Equal((Photos.Count - 1, 0), Counts(first.Stderr));

        OutputTree.CopyInto(tmp["second/images"], Photos);
        var second = Processes.Run(RepoPaths.Step(step), ["--pfs", tmp["second"], "--previous", tmp["first/out"]]);
        Assert.Equal((1, Photos.Count - 1), Counts(second.Stderr));

        OutputTree.CopyInto(tmp["fresh/images"], Photos);
        Assert.Equal(0, Processes.Run(RepoPaths.Step(step), ["--pfs", tmp["fresh"]]).ExitCode);
        OutputTree.AssertIdentical(OutputTree.Read(tmp["fresh/out"]), OutputTree.Read(tmp["second/out"]));
    }

    [Fact]
    public void A_changed_option_or_changed_bytes_recompute_and_a_rerun_in_place_carries_everything()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["pfs/images"], Photos.Take(6));
        var edges = RepoPaths.Step("edges");
        Assert.Equal((6, 0), Counts(Processes.Run(edges, ["--pfs", tmp["pfs"]]).Stderr));
        Assert.Equal((0, 6), Counts(Processes.Run(edges, ["--pfs", tmp["pfs"], "--previous", tmp["pfs/out"]]).Stderr));
        string[] lowerThreshold = ["--pfs", tmp["pfs"], "--previous", tmp["pfs/out"], "--threshold1", "50"];
        Assert.Equal((6, 0), Counts(Processes.Run(edges, lowerThreshold).Stderr));

        File.Copy(Photos[10], Directory.GetFiles(tmp["pfs/images"])[0], overwrite: true);
        Assert.Equal((1, 5), Counts(Processes.Run(edges, lowerThreshold).Stderr));
    }

    private static (int Processed, int Carried) Counts(string stderr)
    {
        var m = Summary().Match(stderr);
        Assert.True(m.Success, stderr);
        return (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value));
    }

    [GeneratedRegex(@"processed (\d+) datums .*carried over (\d+), failed 0")]
    private static partial Regex Summary();
}
