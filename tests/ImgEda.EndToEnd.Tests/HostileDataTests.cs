namespace ImgEda.EndToEnd.Tests;

/// <summary>Data an adversary controls (issue 15, item 14) going through merge and plot: no input reaches a stack
/// trace.</summary>
public class HostileDataTests
{
    private static string Fixture =>
        Path.Combine(RepoPaths.Root, "tests", "fixtures", "hostile", "exif-control-character");

    /// <summary>An EXIF camera name holding control characters (U+0001, an ANSI escape, U+0000), as analyze records it.
    /// XML 1.0 has no way to write them, even as character references: plot must drop or replace them in every SVG
    /// text and title (and one chart that fails must not cost the whole report).</summary>
    [Fact(Skip = "plot is being rewritten on ScottPlot in another branch; it must sanitise SVG text (issue 15)")]
    public void Control_characters_in_an_exif_camera_name_give_a_report_not_a_stack_trace()
    {
        using var tmp = new TempDir();
        foreach (var file in Directory.EnumerateFiles(Fixture, "*", SearchOption.AllDirectories))
        {
            var target = tmp[Path.Combine("merge-pfs", Path.GetRelativePath(Fixture, file))];
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Assert.Equal(0, Processes.Run(RepoPaths.Step("merge"), ["--pfs", tmp["merge-pfs"]]).ExitCode);
        Directory.CreateDirectory(tmp["plot-pfs"]);
        Directory.CreateSymbolicLink(tmp["plot-pfs/merge"], tmp["merge-pfs/out"]);
        var plot = Processes.Run(RepoPaths.Step("plot"), ["--pfs", tmp["plot-pfs"]]);
        Assert.True(plot.ExitCode == 0, plot.Stderr);
        Assert.DoesNotContain("Unhandled exception", plot.Stderr);
        Assert.True(File.Exists(tmp["plot-pfs/out/report.html"]));
    }
}
