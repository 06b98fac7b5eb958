namespace ImgEda.EndToEnd.Tests;

/// <summary>Data an adversary controls (issue 15, item 14) going through merge and plot: no input reaches a stack
/// trace.</summary>
public class HostileDataTests
{
    private static string Fixture =>
        Path.Combine(RepoPaths.Root, "tests", "fixtures", "hostile", "exif-control-character");

    /// <summary>An EXIF camera name holding control characters (U+0001, an ANSI escape, U+0000), as analyze records it.
    /// XML 1.0 has no way to write them, even as character references: the cameras chart's SVG must not carry them
    /// raw, and the report must still be written.</summary>
    [Fact]
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
        Assert.True(File.Exists(tmp["plot-pfs/out/plots/cameras.svg"]), "the camera name was not charted");
        foreach (var svg in Directory.GetFiles(tmp["plot-pfs/out/plots"], "*.svg"))
            System.Xml.Linq.XDocument.Load(svg); // a control character would make this throw
    }
}
