namespace ImgEda.Plot.Charts;

/// <summary>Axis ranges and ticks at round numbers (1, 2, 2.5, 5 x 10^k), as people label axes by hand.</summary>
public static class NiceScale
{
    public static (double Min, double Max, double[] Ticks) Linear(double min, double max, int maxTicks = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) (min, max) = (0, 1);
        if (max <= min) (min, max) = (min - 0.5 * Math.Max(1, Math.Abs(min)), max + 0.5 * Math.Max(1, Math.Abs(max)));
        var step = Nice((max - min) / Math.Max(1, maxTicks - 1));
        var lo = Math.Floor(min / step) * step;
        var hi = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (var t = lo; t <= hi + step / 2; t += step) ticks.Add(Math.Round(t / step) * step);
        return (lo, hi, [.. ticks]);
    }

    /// <summary>Decades covering [min, max] (both &gt; 0), for a log axis.</summary>
    public static (double Min, double Max, double[] Ticks) Log10(double min, double max)
    {
        var lo = Math.Floor(Math.Log10(Math.Max(min, 1e-12)));
        var hi = Math.Ceiling(Math.Log10(Math.Max(max, 1e-12)));
        if (hi <= lo) hi = lo + 1;
        return (Math.Pow(10, lo), Math.Pow(10, hi), [.. Enumerable.Range(0, (int)(hi - lo) + 1).Select(k => Math.Pow(10, lo + k))]);
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
