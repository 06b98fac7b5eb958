using System.Globalization;

namespace ImgEda.Plot.Charts;

/// <summary>Numbers as chart labels show them: round, with thousands separators from 10,000 on.</summary>
public static class NumberText
{
    public static string Of(double v) => Math.Abs(v) switch
    {
        >= 10_000 => v.ToString("#,0", CultureInfo.InvariantCulture),
        // Three significant digits below 1: a log axis of ratios has ticks at 0.125 and 0.0625.
        < 1 and > 0 => v.ToString("G3", CultureInfo.InvariantCulture),
        _ => Math.Round(v, 2).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Bytes as people read them: 1.5 kB, 20 MB.</summary>
    public static string Bytes(double bytes) => bytes switch
    {
        >= 1e9 => Of(bytes / 1e9) + " GB",
        >= 1e6 => Of(bytes / 1e6) + " MB",
        >= 1e3 => Of(bytes / 1e3) + " kB",
        _ => Of(bytes) + " B",
    };
}
