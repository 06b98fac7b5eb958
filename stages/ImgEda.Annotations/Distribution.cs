namespace ImgEda.Annotations;

/// <summary>A summary of values: count, min, max, mean, the 5th, 50th and 95th percentiles (nearest rank), and a
/// histogram over fixed bin edges (a value on an edge counts in the bin above it; the last bin is closed), so charts
/// and reports from different datasets line up.</summary>
public sealed record Distribution(int Count, double? Min, double? Max, double? Mean,
    double? P05, double? Median, double? P95,
    IReadOnlyList<HistogramBin> Histogram)
{
    public static Distribution Of(IReadOnlyCollection<double> values, IReadOnlyList<double> edges)
    {
        // Six decimals: relative sizes computed from pixels (1/3 of an image) print as a reader expects them.
        var sorted = values.Select(v => Math.Round(v, 6)).Order().ToArray();
        var bins = new int[edges.Count - 1];
        foreach (var value in sorted)
        {
            var bin = 0;
            while (bin < bins.Length - 1 && value >= edges[bin + 1]) bin++;
            bins[bin]++;
        }
        var histogram = bins.Select((count, i) =>
            new HistogramBin(edges[i], double.IsFinite(edges[i + 1]) ? edges[i + 1] : null, count)).ToList();
        if (sorted.Length == 0) return new Distribution(0, null, null, null, null, null, null, histogram);
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Distribution(sorted.Length, sorted[0], sorted[^1], Math.Round(sorted.Average(), 6), Rank(0.05),
            Rank(0.5), Rank(0.95), histogram);
    }

    /// <summary>Ten bins of a tenth: sizes relative to the image.</summary>
    public static readonly double[] Relative = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

    /// <summary>Box aspect ratios (width / height), doubling from 1/8 to 8, open-ended at both ends.</summary>
    public static readonly double[] Aspect = [0, 0.125, 0.25, 0.5, 1, 2, 4, 8, double.PositiveInfinity];

    /// <summary>Boxes per image: one bin per count up to 5, then wider ones.</summary>
    public static readonly double[] PerImage = [0, 1, 2, 3, 4, 5, 10, 20, 50, double.PositiveInfinity];
}

/// <summary>Values from <paramref name="From"/> up to <paramref name="To"/> (null: no upper end).</summary>
public sealed record HistogramBin(double From, double? To, int Count);
