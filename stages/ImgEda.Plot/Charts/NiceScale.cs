namespace ImgEda.Plot.Charts;

/// <summary>Axis ranges and ticks at round numbers (1, 2, 2.5, 5 x 10^k), as people label axes by hand.</summary>
public static class NiceScale
{
    /// <summary>A range covering [min, max] with ticks at a round step; with <paramref name="integers"/>, a whole
    /// step (counts: no tick at 2.5 images).</summary>
    public static (double Min, double Max, double[] Ticks) Linear(double min, double max, int maxTicks = 6,
        bool integers = false)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) (min, max) = (0, 1);
        if (max <= min) (min, max) = (min - 0.5 * Math.Max(1, Math.Abs(min)), max + 0.5 * Math.Max(1, Math.Abs(max)));
        var step = Nice((max - min) / Math.Max(1, maxTicks - 1));
        if (integers) step = step < 1 ? 1 : step == 2.5 ? 2 : step;
        var lo = Math.Floor(min / step) * step;
        var hi = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (var t = lo; t <= hi + step / 2; t += step) ticks.Add(Math.Round(t / step) * step);
        return (lo, hi, [.. ticks]);
    }

    /// <summary>Decades covering [min, max] (both &gt; 0), for a log axis; with three decades or fewer, ticks at 1, 2
    /// and 5 of each decade too (ISO 100-200-400-800 or 18-55 mm would otherwise share one labelled tick).</summary>
    public static (double Min, double Max, double[] Ticks) Log10(double min, double max)
    {
        var lo = Math.Floor(Math.Log10(Math.Max(min, 1e-12)));
        var hi = Math.Ceiling(Math.Log10(Math.Max(max, 1e-12)));
        if (hi <= lo) hi = lo + 1;
        var decades = Enumerable.Range(0, (int)(hi - lo) + 1).Select(k => Math.Pow(10, lo + k)).ToList();
        var ticks = hi - lo > 3
            ? decades
            : [.. decades.SelectMany(d => new[] { d, 2 * d, 5 * d }).Where(t => t <= decades[^1])];
        return (decades[0], decades[^1], [.. ticks]);
    }

    /// <summary>Powers of two covering [min, max] (both &gt; 0), for a log axis of ratios.</summary>
    public static (double Min, double Max, double[] Ticks) Log2(double min, double max)
    {
        var lo = Math.Floor(Math.Log2(Math.Max(min, 1e-12)));
        var hi = Math.Ceiling(Math.Log2(Math.Max(max, 1e-12)));
        if (hi <= lo) (lo, hi) = (lo - 1, hi + 1);
        var ticks = Enumerable.Range(0, (int)(hi - lo) + 1).Select(k => Math.Pow(2, lo + k));
        return (Math.Pow(2, lo), Math.Pow(2, hi), [.. ticks]);
    }

    private static double Nice(double raw)
    {
        var exponent = Math.Floor(Math.Log10(raw));
        var fraction = raw / Math.Pow(10, exponent);
        // Rounded, not ceiled (Heckbert's "nice numbers"): 0-5120 gets ticks every 1000, not every 2000.
        var nice = fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10;
        return nice * Math.Pow(10, exponent);
    }
}
