using System.Globalization;
using System.Text.Json.Nodes;
using ImgEda.Merge;
using ImgEda.Plot.Charts;

namespace ImgEda.Plot;

/// <summary>The report's charts, computed from the manifest and the duplicate groups: each one only when the data
/// has what it shows (no camera chart for images without EXIF, no duplicate chart without duplicates).</summary>
public static class ChartSet
{
    /// <summary>Beyond this many distinct sizes the dimensions chart is a blot: a deterministic sample is drawn.</summary>
    public const int MaxScatterPoints = 20_000;

    public static IReadOnlyList<Chart> Build(IReadOnlyList<ManifestLine> entries, JsonObject? duplicates, double darkBelow = 40,
        double overexposedAbove = 220, double blurAbove = 1.3)
    {
        var charts = new List<Chart>();
        void Add(bool hasData, Func<Chart> chart)
        {
            if (hasData) charts.Add(chart());
        }

        // Refused images (over --max-pixels) would squash every real one into a corner.
        var sized = entries.Where(e => e.Width is > 0 && e.Height is > 0 && !e.Flag("is_unsupported")).ToList();
        Add(sized.Count > 0, () => new DimensionsChart(sized.Select(e => (e.Width!.Value, e.Height!.Value)), MaxScatterPoints));

        var sizes = Values(entries, e => e.FileSizeBytes);
        Add(sizes.Any(s => s > 0), () => new HistogramChart("file_size", "File size", "file size (log scale)", sizes,
            scale: AxisScale.Log10, format: NumberText.Bytes));

        var ratios = Values(entries, e => e.AspectRatio);
        Add(ratios.Count > 0, () => new HistogramChart("aspect_ratio", "Aspect ratio", "width / height (log scale)", ratios,
            bins: 40, AxisScale.Log2, AspectMarks(ratios), clipOutliers: true));

        var brightness = Values(entries, e => e.MeanBrightness);
        Add(brightness.Count > 0, () => new HistogramChart("brightness", "Mean brightness", "mean brightness (0-255)",
            brightness, bins: 32, range: (0, 255), marks:
            [
                new(darkBelow, $"dark < {Num(darkBelow)}", MarkSide.Below),
                new(overexposedAbove, $"overexposed > {Num(overexposedAbove)}", MarkSide.Above),
            ]));

        var blur = Values(entries, e => e.BlurScore);
        Add(blur.Count > 0, () => new HistogramChart("blur", "Blur score", "edge blur sigma (px; higher is blurrier)", blur,
            bins: 30, marks: [new(blurAbove, $"blurry > {Num(blurAbove)}", MarkSide.Above)], clipOutliers: true));

        Add(entries.Count > 0, () => new BarChart("color_modes", "Colour modes and channels", "images",
            Count(entries, e => $"{e.ColorMode ?? "unknown"} ({e.Channels ?? "?"} ch)")));
        Add(entries.Count > 0, () => new BarChart("formats", "Formats (from the file's bytes)", "images",
            Count(entries, e => e.Format ?? "unknown")));
        Add(entries.Count > 0, () => new BarChart("quality_flags", "Quality flags", "images flagged",
            [.. DatasetSummary.Flags.Select(f => Share(f, entries.Count(e => e.Flag(f)), entries.Count))]));

        var groups = GroupSizes(duplicates);
        Add(groups.Count > 0, () => new BarChart("duplicate_groups", "Near-duplicate group sizes", "groups", groups));

        var withCamera = entries.Where(e => Camera(e) is not null).ToList();
        Add(withCamera.Count > 0, () => new BarChart("cameras", "Cameras (EXIF, top 10)",
            $"images ({withCamera.Count:N0} of {entries.Count:N0} name a camera)", Count(withCamera, e => Camera(e)!, top: 10)));

        var focal = Values(entries, e => e.FocalLengthMm).Where(f => f > 0).ToList();
        Add(focal.Count > 0, () => Stops("focal_length", "Focal length (EXIF)", focal, f => $"{Num(f)} mm",
            $"images ({focal.Count:N0} of {entries.Count:N0} state one)", "focal length (mm, log scale)"));

        var iso = Values(entries, e => e.Iso).Where(i => i > 0).ToList();
        Add(iso.Count > 0, () => Stops("iso", "ISO sensitivity (EXIF)", iso, i => $"ISO {Num(i)}",
            $"images ({iso.Count:N0} of {entries.Count:N0} state it)", "ISO (log scale)"));
        return charts;
    }

    /// <summary>Camera settings come in stops (ISO 100, 200, 400; a prime's focal length): a bar per value, in
    /// order, when there are a dozen or fewer; else a histogram on a log axis (zooms).</summary>
    private static Chart Stops(string name, string title, List<double> values, Func<double, string> label,
        string countLabel, string axisLabel)
    {
        var rounded = values.Select(v => Math.Round(v, 2)).ToList();
        var distinct = rounded.Distinct().Order().ToList();
        if (distinct.Count <= 12)
            return new BarChart(name, title, countLabel,
                [.. distinct.Select(v => new BarChart.Item(label(v), rounded.Count(r => r == v)))]);
        return new HistogramChart(name, title, $"{axisLabel}; {countLabel}", values, bins: 30, AxisScale.Log10);
    }

    /// <summary>Landscape ratios always; portrait ones when the data has portrait images.</summary>
    private static Mark[] AspectMarks(List<double> ratios)
    {
        Mark[] landscape = [new(1, "1:1"), new(4 / 3.0, "4:3"), new(1.5, "3:2"), new(16 / 9.0, "16:9")];
        Mark[] portrait = [new(3 / 4.0, "3:4"), new(2 / 3.0, "2:3"), new(9 / 16.0, "9:16")];
        return ratios.Min() < 1 ? [.. portrait.Reverse(), .. landscape] : landscape;
    }

    /// <summary>"Make Model", without the make twice when the model repeats it ("Canon Canon EOS 70D").</summary>
    private static string? Camera(ManifestLine e)
    {
        var (make, model) = (e.CameraMake?.Trim() ?? "", e.CameraModel?.Trim() ?? "");
        var name = model.StartsWith(make, StringComparison.OrdinalIgnoreCase) ? model : $"{make} {model}".Trim();
        return name.Length > 0 ? name : null;
    }

    private static List<double> Values(IEnumerable<ManifestLine> entries, Func<ManifestLine, double?> field) =>
        [.. entries.Select(field).OfType<double>().Where(double.IsFinite)];

    private static List<BarChart.Item> Count(IEnumerable<ManifestLine> entries, Func<ManifestLine, string> key, int top = 12) =>
        [.. entries.GroupBy(key).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(top)
            .Select(g => new BarChart.Item(g.Key, g.Count()))];

    private static BarChart.Item Share(string flag, int count, int total) =>
        new(flag, count, count == 0 ? "0" : $"{count:N0} ({Num(Math.Round(100.0 * count / total, 1))}%)");

    /// <summary>Groups by size; with more than a dozen sizes, large ones share a bar (6-10, 11-20, ... images).</summary>
    private static List<BarChart.Item> GroupSizes(JsonObject? duplicates)
    {
        var sizes = (duplicates?["near"] as JsonArray ?? []).Select(g => g!["paths"]!.AsArray().Count).ToList();
        var exact = sizes.Distinct().Count() <= 12;
        int[] bounds = [2, 3, 4, 5, 6, 11, 21, 51, 101, int.MaxValue];
        string Bucket(int size)
        {
            if (exact) return $"{size} images";
            var i = Array.FindLastIndex(bounds, b => b <= size);
            var (from, to) = (bounds[i], bounds[i + 1] - 1);
            return from == to ? $"{from} images" : to == int.MaxValue - 1 ? $"{from}+ images" : $"{from}-{to} images";
        }
        return [.. sizes.GroupBy(Bucket).OrderBy(g => g.Min()).Select(g => new BarChart.Item(g.Key, g.Count()))];
    }

    private static string Num(double v) => v.ToString(CultureInfo.InvariantCulture);
}
