namespace ImgEda.Analyze;

/// <summary>analyze's verdict thresholds; the defaults are imgeda's.</summary>
public sealed record AnalyzeOptions
{
    /// <summary>is_dark: mean brightness (0-255) below this.</summary>
    public double DarkBelow { get; init; } = 40;
    /// <summary>is_overexposed: mean brightness above this.</summary>
    public double OverexposedAbove { get; init; } = 220;
    /// <summary>is_blurry: blur_score (edge sigma in pixels of the analysis resolution) above this.</summary>
    public double BlurAbove { get; init; } = 1.3;
    /// <summary>has_border_artifact: corner patches and centre differ by more than this (0-255).</summary>
    public double BorderDeltaAbove { get; init; } = 50;
    /// <summary>Side of each corner patch, as a fraction of the image side.</summary>
    public double CornerFraction { get; init; } = 0.10;
    /// <summary>Statistics are computed on a reduced decode whose long side stays at least this many pixels.</summary>
    public int StatsMinLongSide { get; init; } = 2048;

    public string Key => FormattableString.Invariant(
        $"dark={DarkBelow};over={OverexposedAbove};blur={BlurAbove};border={BorderDeltaAbove};corner={CornerFraction};stats_side={StatsMinLongSide}");
}
