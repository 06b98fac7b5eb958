using System.Buffers.Binary;

namespace ImgEda.EndToEnd.Tests;

/// <summary>The whole chain on real images (per-image steps, merge, gate, plot), then report.html opened in headless
/// Chromium with every host unresolvable: no console message (errors, CSP refusals), charts and table
/// rendered.</summary>
public class ReportBrowserTests
{
    [Fact]
    public void The_report_renders_in_a_browser_without_errors_or_requests()
    {
        using var tmp = new TempDir();
        var everyFifthPhoto = RepoPaths.PhotoFiles.Where((_, i) => i % 5 == 0);
        var images = RepoPaths.SampleFiles.Concat(BadInputs.Files).Concat(everyFifthPhoto);
        StepChain.RunPerImageSteps(tmp, images, "merge-pfs");
        Assert.Equal(0, Processes.Run(RepoPaths.Step("merge"), ["--pfs", tmp["merge-pfs"]]).ExitCode);
        StepChain.CopyFolder(tmp["merge-pfs/out"], tmp["gate-pfs/merge"]);
        // the bad inputs break the default policy
        Assert.Equal(2, Processes.Run(RepoPaths.Step("gate"), ["--pfs", tmp["gate-pfs"]]).ExitCode);
        StepChain.CopyFolder(tmp["merge-pfs/out"], tmp["plot-pfs/merge"]);
        StepChain.CopyFolder(tmp["merge-pfs/thumbs"], tmp["plot-pfs/thumbs"]);
        StepChain.CopyFolder(tmp["gate-pfs/out"], tmp["plot-pfs/gate"]);
        var plot = Processes.Run(RepoPaths.Step("plot"), ["--pfs", tmp["plot-pfs"]]);
        Assert.True(plot.ExitCode == 0, plot.Stderr);

        var plots = tmp["plot-pfs/out/plots"];
        // The charts the data has: the eight every dataset gets, and duplicates, cameras, focal lengths and ISO when
        // the images have them (these photos do).
        var charts = Directory.GetFiles(plots, "*.png").Length;
        Assert.InRange(charts, 8, 12);
        Assert.Equal(charts, Directory.GetFiles(plots, "*.svg").Length);
        foreach (var png in Directory.GetFiles(plots, "*.png"))
        {
            var bytes = File.ReadAllBytes(png);
            var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
            var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
            Assert.Equal((0x89, 1280, 800), (bytes[0], width, height));
        }

        var report = tmp["plot-pfs/out/report.html"];
        var dom = HeadlessChromium.Run(tmp, ["--dump-dom", $"file://{report}"]);
        Assert.Empty(HeadlessChromium.ConsoleMessages(dom));
        Assert.Contains("data-ready=\"true\"", dom.Stdout);
        Assert.Contains($"data-charts=\"{charts}\"", dom.Stdout);
        Assert.Contains($"data-charts-shown=\"{charts}\"", dom.Stdout); // decoded, and drawn at a visible size
        var rows = HeadlessChromium.RenderedRows(dom.Stdout);
        Assert.InRange(rows, 10, 100);
        Assert.Contains("class=\"flag\">is_corrupt</span>", dom.Stdout);
        Assert.Contains("<img src=\"data:image/jpeg;base64,", dom.Stdout);

        var artifacts = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "build", "test-artifacts")).FullName;
        var screenshot = Path.Combine(artifacts, "report.png");
        File.Delete(screenshot);
        HeadlessChromium.Run(tmp, ["--window-size=1400,2400", $"--screenshot={screenshot}", $"file://{report}"]);
        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot is nearly empty");
    }
}
