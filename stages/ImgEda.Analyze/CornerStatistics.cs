using ImgEda.Core.Records;
using OpenCvSharp;

namespace ImgEda.Analyze;

/// <summary>Border artifacts (black or white frames, heavy vignetting, letterboxing): the mean of the four corner patches
/// against a patch of the same size at the centre.</summary>
public static class CornerStatistics
{
    public static CornerStats Measure(Mat gray, double fraction)
    {
        int rows = gray.Rows, cols = gray.Cols;
        var pw = Math.Max(1, (int)(cols * fraction));
        var ph = Math.Max(1, (int)(rows * fraction));
        var corners = (MeanOf(gray, 0, 0, pw, ph) + MeanOf(gray, cols - pw, 0, pw, ph)
                       + MeanOf(gray, 0, rows - ph, pw, ph) + MeanOf(gray, cols - pw, rows - ph, pw, ph)) / 4;
        var center = MeanOf(gray, (cols - pw) / 2, (rows - ph) / 2, pw, ph);
        return new CornerStats { CornerMean = Math.Round(corners, 3), CenterMean = Math.Round(center, 3), Delta = Math.Round(Math.Abs(corners - center), 3) };
    }

    private static double MeanOf(Mat gray, int x, int y, int width, int height)
    {
        using var patch = gray.SubMat(new Rect(x, y, width, height));
        return Cv2.Mean(patch).Val0;
    }
}
