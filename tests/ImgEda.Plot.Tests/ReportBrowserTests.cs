using System.Text.RegularExpressions;
using ImgEda.Core.Running;

namespace ImgEda.Plot.Tests;

/// <summary>report.html of 2,000 made-up images opened in headless Chromium with every host unresolvable: no console
/// message (errors, CSP refusals), every chart decoded and shown, the table filled. (The end-to-end tests do the same
/// on the whole chain over real images, thumbnails included.)</summary>
public partial class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public void The_report_shows_every_chart_in_a_browser_without_errors_or_requests()
    {
        using var tmp = new TempDir();
        var pfs = MergedDataset.Pfs(tmp, 2_000);
        Assert.Equal(0, new PlotRunner(new DatasetContext(pfs, [], null, StepLog.ToStderr("plot", false))).Run());
        var charts = Directory.GetFiles(Path.Combine(pfs, "out", "plots"), "*.png").Length;
        Assert.Equal(12, charts);

        var report = Path.Combine(pfs, "out", "report.html");
        var dom = Browser(tmp, ["--dump-dom", $"file://{report}"]);
        Assert.Empty(Console().Matches(dom.Stderr).Select(m => m.Value));
        Assert.Contains("data-ready=\"true\"", dom.Stdout);
        Assert.Contains($"data-charts=\"{charts}\"", dom.Stdout);
        Assert.Contains($"data-charts-shown=\"{charts}\"", dom.Stdout);
        Assert.Equal(100, int.Parse(Rows().Match(dom.Stdout).Groups[1].Value)); // the first page of the flagged table

        var artifacts = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "build", "test-artifacts")).FullName;
        var screenshot = Path.Combine(artifacts, "plot-report.png");
        File.Delete(screenshot);
        Browser(tmp, ["--window-size=1400,2400", $"--screenshot={screenshot}", $"file://{report}"]);
        Assert.True(new FileInfo(screenshot).Length > 100_000, "the screenshot is nearly empty");
    }

    private static Processes.Result Browser(TempDir tmp, string[] args)
    {
        Assert.True(File.Exists(Chromium), "Chromium is missing: make deps installs it (Debian package chromium)");
        return Processes.Run(Chromium,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions",
            $"--user-data-dir={tmp["chromium-profile"]}", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr", "--log-level=0", "--virtual-time-budget=5000", .. args,
        ], timeout: TimeSpan.FromMinutes(2));
    }

    [GeneratedRegex(@"CONSOLE[^\]]*\].*")]
    private static partial Regex Console();

    [GeneratedRegex("data-rows=\"(\\d+)\"")]
    private static partial Regex Rows();
}
