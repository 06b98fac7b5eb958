using System.Text;
using System.Text.Json.Nodes;
using ImgEda.Core;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;
using ImgEda.Merge;

namespace ImgEda.Plot;

/// <summary>plot: charts (SVG and PNG) and report.html from merge's output, with the thumbnails of the thumbs step and
/// the gate's verdict when they are among the inputs.</summary>
public sealed class PlotRunner(DatasetContext context, bool png)
{
    public int Run()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var layout = PfsLayout.Open(context.PfsRoot, context.Inputs);
        var mergeDir = layout.Inputs.Select(layout.InputDirectory).FirstOrDefault(d => File.Exists(Path.Combine(d, "manifest.jsonl")))
            ?? throw new UsageException($"no manifest.jsonl in the inputs under {layout.Root}: give plot the output of imgeda-merge (e.g. {layout.Root}/merge/manifest.jsonl)");
        var entries = ManifestWriter.Images(ManifestWriter.ReadLines(Path.Combine(mergeDir, "manifest.jsonl")));
        var summary = Json(Path.Combine(mergeDir, "summary.json")) ?? throw new UsageException($"{mergeDir}/summary.json is missing: rerun imgeda-merge");
        var duplicates = Json(Path.Combine(mergeDir, "duplicates.json"));
        var verdict = layout.Inputs.Select(i => Json(Path.Combine(layout.InputDirectory(i), "verdict.json"))).FirstOrDefault(v => v is not null);

        context.Log.Debug($"read the manifest ({entries.Count} images) in {clock.Elapsed.TotalSeconds:F2} s");
        var charts = ChartSet.Build(entries, duplicates);
        context.Log.Debug($"charts built at {clock.Elapsed.TotalSeconds:F2} s");
        var plots = Path.Combine(context.Out, "plots");
        // The PNGs are drawn while the report is rendered.
        var written = Task.Run(() => Parallel.ForEach(charts, chart =>
        {
            AtomicFile.Write(Path.Combine(plots, chart.Name + ".svg"), Encoding.UTF8.GetBytes(chart.Svg));
            if (png) AtomicFile.Write(Path.Combine(plots, chart.Name + ".png"), SvgRasterizer.ToPng(chart.Svg));
        }));

        var report = new ReportPage
        {
            Entries = entries,
            Summary = summary,
            Duplicates = duplicates,
            Diff = Json(Path.Combine(mergeDir, "diff.json")),
            Verdict = verdict,
            Charts = charts,
            Thumbnail = path => DataUri(Path.Combine(layout.Root, path)),
        };
        AtomicFile.Write(Path.Combine(context.Out, "report.html"), Encoding.UTF8.GetBytes(report.Render()));
        context.Log.Debug($"report written at {clock.Elapsed.TotalSeconds:F2} s");
        written.GetAwaiter().GetResult();
        context.Log.Debug($"charts written at {clock.Elapsed.TotalSeconds:F2} s");
        context.Log.Info($"{charts.Count} charts in {plots}{(png ? " (SVG and PNG)" : " (SVG)")}; report: {Path.Combine(context.Out, "report.html")}");
        return StepCommand.ExitOk;
    }

    private static JsonObject? Json(string path) => File.Exists(path) ? JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject : null;

    private static string? DataUri(string path)
    {
        if (!File.Exists(path)) return null;
        var type = path.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg";
        return $"data:{type};base64,{Convert.ToBase64String(File.ReadAllBytes(path))}";
    }
}
