using ImgEda.Core.Records;

namespace ImgEda.Analyze;

/// <summary>analyze's verdict thresholds; the defaults are imgeda's.</summary>
public sealed record AnalyzeOptions
{
    /// <summary>is_dark: mean brightness (0-255) of the visible pixels below this.</summary>
    public double DarkBelow { get; init; } = AnalyzeThresholds.DarkBelow;
    /// <summary>is_overexposed: mean brightness of the visible pixels above this.</summary>
    public double OverexposedAbove { get; init; } = AnalyzeThresholds.OverexposedAbove;
    /// <summary>is_blurry: blur_score (edge sigma of the sharpest region, pixels of the analysis resolution) above
    /// this.</summary>
    public double BlurAbove { get; init; } = AnalyzeThresholds.BlurAbove;
    /// <summary>has_border_artifact: a uniform band along an edge at least this fraction of its side.</summary>
    public double BorderMinFraction { get; init; } = 0.01;
    /// <summary>Statistics are computed on a reduced decode whose long side stays at least this many pixels.</summary>
    public int StatsMinLongSide { get; init; } = 2048;

    public string Key => FormattableString.Invariant(
        $"dark={DarkBelow};over={OverexposedAbove};blur={BlurAbove};border_band={BorderMinFraction};stats_side=")
        + StatsMinLongSide.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
