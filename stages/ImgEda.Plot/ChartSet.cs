using System.Text.Json.Nodes;
using ImgEda.Merge;
using ImgEda.Plot.Charts;

namespace ImgEda.Plot;

/// <summary>The report's charts, by file name, computed from the manifest and the duplicate groups.</summary>
public static class ChartSet
{
    /// <summary>Beyond this many points a scatter plot is a blot: a deterministic sample is drawn instead.</summary>
    public const int MaxScatterPoints = 20_000;

    public static IReadOnlyList<(string Name, string Svg)> Build(IReadOnlyList<ManifestLine> entries, JsonObject? duplicates, double darkBelow = 40, double overexposedAbove = 220, double blurAbove = 1.3)
    {
        // Refused images (over --max-pixels) would squash every real one into a corner.
        var sized = entries.Where(e => e.Width is > 0 && e.Height is > 0 && !e.Flag("is_unsupported")).ToList();
        var step = Math.Max(1, sized.Count / MaxScatterPoints);
        var withCamera = entries.Where(e => Camera(e) is not null).ToList();
        (string Name, Func<string> Draw)[] charts =
        [
            ("dimensions", () => SvgChart.Scatter(sized.Count > MaxScatterPoints ? $"Image dimensions (every {step}th of {sized.Count:N0})" : "Image dimensions",
                "width (px)", "height (px)", [.. sized.Where((_, i) => i % step == 0).Select(e => (e.Width!.Value, e.Height!.Value))])),
            ("file_size", () => SvgChart.Histogram("File size", "file size (bytes, log scale)", Values(entries, e => e.FileSizeBytes), logX: true, format: SvgChart.Bytes)),
            ("aspect_ratio", () => SvgChart.Histogram("Aspect ratio", "width / height", Values(entries, e => e.AspectRatio), bins: 40,
                marks: [new(1, "1:1"), new(4 / 3.0, "4:3"), new(1.5, "3:2"), new(16 / 9.0, "16:9")])),
            ("brightness", () => SvgChart.Histogram("Mean brightness", "mean brightness (0-255)", Values(entries, e => e.MeanBrightness), bins: 32,
                marks: [new(darkBelow, $"dark < {darkBelow}"), new(overexposedAbove, $"overexposed > {overexposedAbove}")])),
            ("blur", () => SvgChart.Histogram("Blur score", "edge blur sigma (px; higher is blurrier)", Values(entries, e => e.BlurScore), bins: 30,
                marks: [new(blurAbove, $"blurry > {blurAbove}")])),
            ("color_modes", () => SvgChart.Bars("Colour modes", "images", Count(entries, e => $"{e.ColorMode ?? "unknown"} ({e.Channels ?? "?"} ch)"))),
            ("formats", () => SvgChart.Bars("Formats (from the file's bytes)", "images", Count(entries, e => e.Format ?? "unknown"))),
            ("quality_flags", () => SvgChart.Bars("Quality flags", "images", [.. DatasetSummary.Flags.Select(f => (f, (double)entries.Count(e => e.Flag(f))))])),
            ("duplicate_groups", () => SvgChart.Bars("Near-duplicate group sizes", "groups", GroupSizes(duplicates))),
            ("cameras", () => SvgChart.Bars($"Cameras (EXIF, top 10; {withCamera.Count:N0} of {entries.Count:N0} images name one)", "images", Count(withCamera, Camera!, top: 10))),
        ];
        // Each chart only reads the records: draw them side by side.
        var svgs = new string[charts.Length];
        Parallel.For(0, charts.Length, i => svgs[i] = charts[i].Draw());
        return [.. charts.Select((c, i) => (c.Name, svgs[i]))];
    }

    /// <summary>"Make Model", without the make twice when the model repeats it ("Canon Canon EOS 70D").</summary>
    private static string? Camera(ManifestLine e)
    {
        var (make, model) = (e.CameraMake?.Trim() ?? "", e.CameraModel?.Trim() ?? "");
        var name = model.StartsWith(make, StringComparison.OrdinalIgnoreCase) ? model : $"{make} {model}".Trim();
        return name.Length > 0 ? name : null;
    }

    private static List<double> Values(IEnumerable<ManifestLine> entries, Func<ManifestLine, double?> field) => [.. entries.Select(field).OfType<double>()];

    private static List<(string, double)> Count(IEnumerable<ManifestLine> entries, Func<ManifestLine, string> key, int top = 12) =>
        [.. entries.GroupBy(key).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(top).Select(g => (g.Key, (double)g.Count()))];

    private static List<(string, double)> GroupSizes(JsonObject? duplicates) =>
        [.. (duplicates?["near"] as JsonArray ?? []).Select(g => g!["paths"]!.AsArray().Count)
            .GroupBy(size => size).OrderBy(g => g.Key).Select(g => ($"{g.Key} images", (double)g.Count()))];
}
