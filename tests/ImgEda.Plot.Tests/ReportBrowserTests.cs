using ImgEda.Core.Running;

namespace ImgEda.Plot.Tests;

/// <summary>report.html of 2,000 made-up images opened in headless Chromium with every host unresolvable: no console
/// message (errors, CSP refusals), every chart decoded and shown, the table filled. (The end-to-end tests do the same
/// on the whole chain over real images, thumbnails included.)</summary>
public class ReportBrowserTests
{
    [Fact]
    public void The_report_shows_every_chart_in_a_browser_without_errors_or_requests()
    {
        using var tmp = new TempDir();
        var pfs = MergedDataset.Pfs(tmp, 2_000);
        Assert.Equal(0, new PlotRunner(new DatasetContext(pfs, [], null, StepLog.ToStderr("plot", false))).Run());
        var charts = Directory.GetFiles(Path.Combine(pfs, "out", "plots"), "*.png").Length;
        Assert.Equal(12, charts);

        var report = Path.Combine(pfs, "out", "report.html");
        var dom = HeadlessChromium.Run(tmp, ["--dump-dom", $"file://{report}"]);
        Assert.Empty(HeadlessChromium.ConsoleMessages(dom));
        Assert.Contains("data-ready=\"true\"", dom.Stdout);
        Assert.Contains($"data-charts=\"{charts}\"", dom.Stdout);
        Assert.Contains($"data-charts-shown=\"{charts}\"", dom.Stdout);
        Assert.Equal(100, HeadlessChromium.RenderedRows(dom.Stdout)); // the first page of the flagged table
        // The motion analyze found, in its own column of the rendered rows.
        Assert.Matches(@"<td>[0-9.]+</td><td>\d+ px at \d+°</td>", dom.Stdout);

        var artifacts = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "build", "test-artifacts")).FullName;
        var screenshot = Path.Combine(artifacts, "plot-report.png");
        File.Delete(screenshot);
        HeadlessChromium.Run(tmp, ["--window-size=1400,2400", $"--screenshot={screenshot}", $"file://{report}"]);
        Assert.True(new FileInfo(screenshot).Length > 100_000, "the screenshot is nearly empty");
    }

    /// <summary>The flagged table sorts text with numbers in it by the numbers: the motion column clicked twice
    /// (descending) starts with the longest motion, not with "9 px" (as plain text order had it).</summary>
    [Fact]
    public void The_motion_column_sorts_by_length()
    {
        using var tmp = new TempDir();
        var pfs = MergedDataset.Pfs(tmp, 2_000);
        Assert.Equal(0, new PlotRunner(new DatasetContext(pfs, [], null, StepLog.ToStderr("plot", false))).Run());
        const string probe = """
            <script>
            window.addEventListener('load', () => {
              const header = document.querySelector('th[data-key=motion]');
              header.click(); header.click();
              const column = [...header.parentNode.children].indexOf(header);
              const cells = [...document.querySelectorAll('#flagged-table tbody tr')]
                .map(tr => tr.children[column].textContent);
              document.body.dataset.motion = cells.join('|');
            });
            </script>
            """;
        var report = File.ReadAllText(Path.Combine(pfs, "out", "report.html"));
        File.WriteAllText(tmp["probe.html"], report.Replace("</body>", probe + "</body>"));
        var dom = HeadlessChromium.Run(tmp, ["--dump-dom", $"file://{tmp["probe.html"]}"]);
        var cells = System.Text.RegularExpressions.Regex.Match(dom.Stdout, "data-motion=\"([^\"]*)\"").Groups[1].Value
            .Split('|');
        var lengths = cells.Where(c => c.Length > 0).Select(c => int.Parse(c.Split(' ')[0])).ToList();
        Assert.True(lengths.Count > 10, $"{lengths.Count} motion cells on the first page: {string.Join(", ", cells)}");
        Assert.Equal(lengths.OrderDescending(), lengths);
        Assert.True(lengths[0] >= 10, $"the longest motion shown first is {lengths[0]} px");
    }
}
