using System.Text.RegularExpressions;
using System.Xml.Linq;
using ImgEda.Plot.Rendering;

namespace ImgEda.Plot.Tests;

/// <summary>The plot program run as a process on merge's output of made-up records.</summary>
public partial class PlotRunnerTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    [Fact]
    public void The_same_manifest_gives_the_same_charts_byte_for_byte_in_separate_runs()
    {
        using var tmp = new TempDir();
        var first = MergedDataset.Pfs(tmp, 3_000);
        CopyFolder(Path.Combine(first, "merge"), tmp["second/merge"]);
        var runs = new[] { first, tmp["second"] }.Select(pfs => PlotProgram.Run("--pfs", pfs)).ToList();
        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Stderr));

        var names = Directory.GetFiles(Path.Combine(first, "out", "plots")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(24, names.Count); // 12 charts, PNG and SVG
        Assert.Equal(names, Directory.GetFiles(tmp["second/out/plots"]).Select(Path.GetFileName).Order());
        foreach (var name in names)
            Assert.True(File.ReadAllBytes(Path.Combine(first, "out", "plots", name!)).AsSpan()
                .SequenceEqual(File.ReadAllBytes(tmp[$"second/out/plots/{name}"])), $"{name} differs between the runs");
        string Report(string pfs) => Generated().Replace(File.ReadAllText(Path.Combine(pfs, "out", "report.html")), "");
        Assert.Equal(Report(first), Report(tmp["second"]));
    }

    /// <summary>A manifest line that is not an image record (cut short, hand-edited) is left out of the report with a
    /// warning that counts them, not silently.</summary>
    [Fact]
    public void Lines_that_are_not_image_records_are_left_out_with_a_warning()
    {
        using var tmp = new TempDir();
        var pfs = MergedDataset.Pfs(tmp, 50);
        var manifest = Path.Combine(pfs, "merge", "manifest.jsonl");
        File.AppendAllText(manifest, "{\"input\": \"images\", \"path\": \"cut.jpg\", \"wid\n[1, 2]\n");
        var run = PlotProgram.Run("--pfs", pfs);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("warning: 2 line(s) of", run.Stderr);
        Assert.Contains("are not image records", run.Stderr);
        Assert.True(File.Exists(Path.Combine(pfs, "out", "report.html")));
        using var clean = new TempDir();
        Assert.DoesNotContain("warning", PlotProgram.Run("--pfs", MergedDataset.Pfs(clean, 20)).Stderr);
    }

    [Fact]
    public void A_missing_font_stops_plot_before_it_writes_anything()
    {
        using var tmp = new TempDir();
        var pfs = MergedDataset.Pfs(tmp, 50);
        var run = PlotProgram.Run("--pfs", pfs, "--font-dir", tmp["no-fonts-here"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("DejaVuSans.ttf is missing", run.Stderr);
        Assert.Contains("fonts-dejavu-core", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(pfs, "out", "plots")));
        Assert.False(File.Exists(Path.Combine(pfs, "out", "report.html")));
    }

    /// <summary>A machine with no font at all: ScottPlot by itself would draw every chart with no text and exit 0.
    /// plot refuses, and with --font-dir it draws every text from the font it was given.</summary>
    [Fact]
    public void Without_any_system_font_plot_refuses_or_draws_with_the_font_it_is_given()
    {
        using var tmp = new TempDir();
        var pfs = MergedDataset.Pfs(tmp, 200);
        var refused = PlotProgram.RunWithoutSystemFonts(tmp, "--pfs", pfs);
        Assert.True(refused.ExitCode == 1, refused.Stderr);
        Assert.Contains("DejaVuSans.ttf is missing", refused.Stderr);

        CopyFolder(ChartFont.DefaultDirectory, tmp["fonts"]);
        var drawn = PlotProgram.RunWithoutSystemFonts(tmp, "--pfs", pfs, "--font-dir", tmp["fonts"]);
        Assert.True(drawn.ExitCode == 0, drawn.Stderr);
        var svgs = Directory.GetFiles(Path.Combine(pfs, "out", "plots"), "*.svg");
        Assert.Equal(12, svgs.Length);
        foreach (var svg in svgs)
            Assert.True(XElement.Load(svg).Descendants(Svg + "text").Count() >= 8,
                $"{Path.GetFileName(svg)} has almost no text");
        // The same bytes as with the system's fonts: only the given font is ever used.
        var withSystemFonts = tmp["with-system-fonts"];
        CopyFolder(Path.Combine(pfs, "merge"), Path.Combine(withSystemFonts, "merge"));
        Assert.Equal(0, PlotProgram.Run("--pfs", withSystemFonts).ExitCode);
        foreach (var file in Directory.GetFiles(Path.Combine(pfs, "out", "plots")))
        {
            var same = Path.Combine(withSystemFonts, "out", "plots", Path.GetFileName(file));
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(same)), $"{same} differs");
        }
    }

    [GeneratedRegex("generated [^<]* by imgeda-plot")]
    private static partial Regex Generated();
}
