using ImgEda.Core.Imaging;
using ImgEda.Core.Records;
using OpenCvSharp;

namespace ImgEda.Analyze;

/// <summary>Pixel statistics of what a viewer sees: for an opaque image every pixel; for an image with transparency
/// each pixel weighted by its alpha (the hidden colour of transparent pixels counts for nothing), min and max over the
/// pixels that show at all.</summary>
public static class VisiblePixelStatistics
{
    /// <summary>Statistics of an opaque 8-bit BGR image, given with its grey (BT.601).</summary>
    public static PixelStats Measure(Mat bgr, Mat gray)
    {
        Cv2.MeanStdDev(bgr, out var mean, out var std);
        using var samples = bgr.Reshape(1);
        Cv2.MinMaxLoc(samples, out double min, out double max);
        var grayMean = Cv2.Mean(gray); // no deviation of the grey is recorded: the sum of squares would be wasted
        return new PixelStats
        {
            MeanR = R(mean[2]), MeanG = R(mean[1]), MeanB = R(mean[0]),
            StdR = R(std[2]), StdG = R(std[1]), StdB = R(std[0]),
            MeanBrightness = R(grayMean.Val0), Min = min, Max = max,
        };
    }

    /// <summary>Alpha-weighted statistics; null when no pixel shows (every alpha is 0).</summary>
    public static PixelStats? Measure(Transparency transparency)
    {
        using var gray = transparency.Colour.CvtColor(ColorConversionCodes.BGR2GRAY);
        var colour = transparency.Colour.AsSpan<byte>();
        var alpha = transparency.Alpha.AsSpan<byte>();
        var luma = gray.AsSpan<byte>();
        var sum = new double[4];
        var squares = new double[3];
        double weights = 0;
        int min = 255, max = 0;
        for (var i = 0; i < alpha.Length; i++)
        {
            int a = alpha[i];
            if (a == 0) continue;
            weights += a;
            for (var c = 0; c < 3; c++)
            {
                int v = colour[i * 3 + c];
                sum[c] += a * v;
                squares[c] += a * (double)v * v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            sum[3] += a * luma[i];
        }
        if (weights == 0) return null;
        double Mean(int c) => sum[c] / weights;
        double Std(int c) => Math.Sqrt(Math.Max(0, squares[c] / weights - Mean(c) * Mean(c)));
        return new PixelStats
        {
            MeanR = R(Mean(2)), MeanG = R(Mean(1)), MeanB = R(Mean(0)),
            StdR = R(Std(2)), StdG = R(Std(1)), StdB = R(Std(0)),
            MeanBrightness = R(Mean(3)), Min = min, Max = max,
        };
    }

    /// <summary>1 − mean alpha: the share of the image a viewer sees through.</summary>
    public static double TransparentFraction(Transparency transparency) =>
        Math.Round(1 - Cv2.Mean(transparency.Alpha).Val0 / 255, 4);

    private static double R(double value) => Math.Round(value, 3);
}
