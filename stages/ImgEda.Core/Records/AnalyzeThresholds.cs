namespace ImgEda.Core.Records;

/// <summary>analyze's default verdict thresholds. analyze judges by them unless told otherwise, and plot marks them on
/// its charts (the manifest does not say which options analyze ran with).</summary>
public static class AnalyzeThresholds
{
    public const double DarkBelow = 40;
    public const double OverexposedAbove = 220;
    /// <summary>Chosen on the tuning half of the fetched photos by `ImgEda.Bench tune-blur`
    /// (bench/tune-blur-results.md).</summary>
    public const double BlurAbove = 1.25;
}
