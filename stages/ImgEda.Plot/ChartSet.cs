using System.Globalization;
using System.Text.Json.Nodes;
using ImgEda.Core.Records;
using ImgEda.Merge;
using ImgEda.Plot.Charts;

namespace ImgEda.Plot;

/// <summary>The report's charts, computed from the manifest and the duplicate groups: each one only when the data
/// has what it shows (no camera chart for images without EXIF, no duplicate chart without duplicates).</summary>
public static class ChartSet
{
    /// <summary>Beyond this many distinct sizes the dimensions chart is a blot: a deterministic sample is
    /// drawn.</summary>
    public const int MaxScatterPoints = 20_000;

    public static IReadOnlyList<Chart> Build(IReadOnlyList<ManifestLine> entries, JsonObject? duplicates,
        double darkBelow = AnalyzeThresholds.DarkBelow, double overexposedAbove = AnalyzeThresholds.OverexposedAbove,
        double blurAbove = AnalyzeThresholds.BlurAbove)
    {
        var data = ManifestColumns.Of(entries);
        var charts = new List<Chart>();
        void Add(bool hasData, Func<Chart> chart)
        {
            if (hasData) charts.Add(chart());
        }

        Add(data.Sizes.Count > 0, () => new DimensionsChart(data.Sizes, MaxScatterPoints));
        Add(data.FileSizes.Any(s => s > 0), () => new HistogramChart("file_size", "File size", "file size (log scale)",
            data.FileSizes, scale: AxisScale.Log10, format: NumberText.Bytes));
        Add(data.AspectRatios.Count > 0, () => new HistogramChart("aspect_ratio", "Aspect ratio",
            "width / height (log scale)", data.AspectRatios, bins: 40, AxisScale.Log2, AspectMarks(data.AspectRatios),
            clipOutliers: true));
        Add(data.Brightness.Count > 0, () => new HistogramChart("brightness", "Mean brightness",
            "mean brightness (0-255)", data.Brightness, bins: 32, range: (0, 255), marks:
            [
                new(darkBelow, $"dark < {Num(darkBelow)}", MarkSide.Below),
                new(overexposedAbove, $"overexposed > {Num(overexposedAbove)}", MarkSide.Above),
            ]));
        Add(data.BlurScores.Count > 0, () => new HistogramChart("blur", "Blur score",
            "edge blur sigma (px; higher is blurrier)", data.BlurScores, bins: 30,
            marks: [new(blurAbove, $"blurry > {Num(blurAbove)}", MarkSide.Above)], clipOutliers: true));
        Add(data.Images > 0, () => new BarChart("color_modes", "Colour modes and channels", "images",
            Top(data.ColourModes)));
        Add(data.Images > 0, () => new BarChart("formats", "Formats (from the file's bytes)", "images",
            Top(data.Formats)));
        Add(data.Images > 0, () => new BarChart("quality_flags", "Quality flags", "images flagged",
            [.. DatasetSummary.Flags.Select((f, i) => Share(f, data.FlagCounts[i], data.Images))]));

        var groups = GroupSizes(duplicates);
        Add(groups.Count > 0, () => new BarChart("duplicate_groups", "Near-duplicate group sizes", "groups", groups));

        var withCamera = data.Cameras.Values.Sum();
        Add(withCamera > 0, () => new BarChart("cameras", "Cameras (EXIF, top 10)",
            $"images ({withCamera:N0} of {data.Images:N0} name a camera)", Top(data.Cameras, 10)));
        Add(data.FocalLengths.Count > 0, () => Stops("focal_length", "Focal length (EXIF)", data.FocalLengths,
            f => $"{Num(f)} mm", $"images ({data.FocalLengths.Count:N0} of {data.Images:N0} state one)",
            "focal length (mm, log scale)"));
        Add(data.Isos.Count > 0, () => Stops("iso", "ISO sensitivity (EXIF)", data.Isos, i => $"ISO {Num(i)}",
            $"images ({data.Isos.Count:N0} of {data.Images:N0} state it)", "ISO (log scale)"));
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

    /// <summary>The most common keys, most common first (ties by name).</summary>
    private static List<BarChart.Item> Top(Dictionary<string, int> counts, int top = 12) =>
        [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(top)
            .Select(c => new BarChart.Item(c.Key, c.Value))];

    private static BarChart.Item Share(string flag, int count, int total) =>
        new(flag, count, count == 0 ? "0" : $"{count:N0} ({Num(Math.Round(100.0 * count / total, 1))}%)");

    /// <summary>Groups by size; with more than a dozen sizes, large ones share a bar (6-10, 11-20, ...
    /// images).</summary>
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
