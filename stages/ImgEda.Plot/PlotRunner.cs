using System.Text;
using System.Text.Json.Nodes;
using ImgEda.Core;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;
using ImgEda.Merge;
using ImgEda.Plot.Rendering;

namespace ImgEda.Plot;

/// <summary>plot: charts (PNG and SVG, drawn with ScottPlot) and report.html from merge's output, with the thumbnails
/// of the thumbs step and the gate's verdict when they are among the inputs.</summary>
public sealed class PlotRunner(DatasetContext context, string fontDirectory = ChartFont.DefaultDirectory)
{
    public int Run()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The font first: a missing font is a usage error before any work, never charts without text.
        var renderer = new ChartRenderer(ChartFont.Load(fontDirectory));
        var layout = PfsLayout.Open(context.PfsRoot, context.Inputs);
        var mergeDir = layout.Inputs.Select(layout.InputDirectory)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "manifest.jsonl")))
            ?? throw new UsageException($"no manifest.jsonl in the inputs under {layout.Root}: give plot the output " +
                $"of imgeda-merge (e.g. {layout.Root}/merge/manifest.jsonl)");
        var lines = ManifestWriter.ReadLines(Path.Combine(mergeDir, "manifest.jsonl"));
        var entries = ManifestWriter.Images(lines);
        var metaLines = lines.Count > 0 && ManifestWriter.CreatedAt(lines[0]) is not null ? 1 : 0;
        if (lines.Count - metaLines - entries.Count is > 0 and var unread)
            context.Log.Warn($"{unread} line(s) of {mergeDir}/manifest.jsonl are not image records (not JSON, or "
                + "without input and path): the report leaves them out; rerun imgeda-merge to rewrite the manifest");
        var summary = Json(Path.Combine(mergeDir, "summary.json"))
            ?? throw new UsageException($"{mergeDir}/summary.json is missing: rerun imgeda-merge");
        var duplicates = Json(Path.Combine(mergeDir, "duplicates.json"));
        var verdict = layout.Inputs.Select(i => Json(Path.Combine(layout.InputDirectory(i), "verdict.json")))
            .FirstOrDefault(v => v is not null);
        context.Log.Debug($"read the manifest ({entries.Count} images) in {clock.Elapsed.TotalSeconds:F2} s");

        var charts = ChartSet.Build(entries, duplicates)
            .Concat(AnnotationCharts.Build(Json(Path.Combine(mergeDir, AnnotationCharts.FileName)))).ToList();
        context.Log.Debug($"chart data prepared at {clock.Elapsed.TotalSeconds:F2} s");
        // Each chart only reads its data: draw them side by side (SVG ids are renumbered per chart, so the order
        // they are drawn in does not show in the files).
        var rendered = new RenderedChart[charts.Count];
        Parallel.For(0, charts.Count, i =>
        {
            var started = clock.Elapsed;
            rendered[i] = renderer.Render(charts[i]);
            context.Log.Debug($"{charts[i].Name}: drawn in {(clock.Elapsed - started).TotalMilliseconds:F0} ms");
        });
        context.Log.Debug($"{charts.Count} charts drawn at {clock.Elapsed.TotalSeconds:F2} s");
        var plots = Path.Combine(context.Out, "plots");
        var written = Task.Run(() => Parallel.ForEach(rendered, chart =>
        {
            AtomicFile.Write(Path.Combine(plots, chart.Name + ".svg"), Encoding.UTF8.GetBytes(chart.Svg));
            AtomicFile.Write(Path.Combine(plots, chart.Name + ".png"), chart.Png);
        }));

        var report = new ReportPage
        {
            Entries = entries,
            Summary = summary,
            Duplicates = duplicates,
            Leakage = Json(Path.Combine(mergeDir, "leakage.json")),
            Diff = Json(Path.Combine(mergeDir, "diff.json")),
            Verdict = verdict,
            Charts = rendered,
            Thumbnail = path => DataUri(Path.Combine(layout.Root, path)),
        };
        AtomicFile.Write(Path.Combine(context.Out, "report.html"), Encoding.UTF8.GetBytes(report.Render()));
        written.GetAwaiter().GetResult();
        context.Log.Debug($"report and charts written at {clock.Elapsed.TotalSeconds:F2} s");
        context.Log.Info($"{charts.Count} charts in {plots} (PNG and SVG); report: " +
            Path.Combine(context.Out, "report.html"));
        return ExitStatus.Done;
    }

    private static JsonObject? Json(string path) =>
        File.Exists(path) ? JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject : null;

    private static string? DataUri(string path)
    {
        if (!File.Exists(path)) return null;
        var type = path.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg";
        return $"data:{type};base64,{Convert.ToBase64String(File.ReadAllBytes(path))}";
    }
}
