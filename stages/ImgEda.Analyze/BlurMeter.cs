using ImgEda.OpenCv;

namespace ImgEda.Analyze;

/// <summary>Content-aware blur: estimates the Gaussian sigma of the image's sharpest edges.
/// At an edge of contrast C blurred by a Gaussian of sigma s, the steepest gradient is C / (s·√(2π)); so
/// gradient / local contrast measures sharpness independently of how much texture or contrast an image has.
/// The variance of the Laplacian, by contrast, is low for every smooth image, sharp or not (sky, wallpapers,
/// graphics), which is why it flags about half of all sharp images.</summary>
public static class BlurMeter
{
    /// <summary>Half-width of the window that measures local contrast; wide enough for sigma up to ~3.</summary>
    private const int ContrastRadius = 7;
    /// <summary>Edges fainter than this (0-255) are noise or texture, not edges to judge.</summary>
    private static readonly int[] ContrastFloors = [40, 16, 8];
    private const int MinEdgePixels = 100;
    /// <summary>Judge by the sharpest edges (99th percentile): a photo with a shallow depth of field is sharp where it is in focus.</summary>
    private const double Percentile = 0.99;
    private const int Bins = 4096;

    /// <summary>The blur sigma in pixels of the decoded image, or null when it has no edges to judge.</summary>
    public static double? EdgeSigma(Mat gray)
    {
        if (gray.Rows < 16 || gray.Cols < 16) return null;
        float[] magnitude, magnitudeMax;
        byte[] high, low;
        using (var gx = ImgProc.Sobel(gray, MatDepth.F32, 1, 0))
        using (var gy = ImgProc.Sobel(gray, MatDepth.F32, 0, 1))
        using (var mag = CvCore.Magnitude(gx, gy))
        using (var magMax = ImgProc.Morphology(mag, MorphOperation.Dilate, 3))
        using (var dilated = ImgProc.Morphology(gray, MorphOperation.Dilate, 2 * ContrastRadius + 1))
        using (var eroded = ImgProc.Morphology(gray, MorphOperation.Erode, 2 * ContrastRadius + 1))
        {
            magnitude = mag.ToArray<float>();
            magnitudeMax = magMax.ToArray<float>();
            high = dilated.ToArray<byte>();
            low = eroded.ToArray<byte>();
        }

        foreach (var floor in ContrastFloors)
        {
            var sharpness = SharpnessAtEdges(magnitude, magnitudeMax, high, low, floor);
            if (sharpness is { } s) return 1.0 / (s * Math.Sqrt(2 * Math.PI));
        }
        return null;
    }

    /// <summary>The given percentile of gradient / contrast over edge pixels (local gradient maxima above the floor).</summary>
    private static double? SharpnessAtEdges(float[] magnitude, float[] magnitudeMax, byte[] high, byte[] low, int floor)
    {
        var histogram = new int[Bins];
        var count = 0;
        for (var i = 0; i < magnitude.Length; i++)
        {
            var contrast = high[i] - low[i];
            var m = magnitude[i];
            if (contrast < floor || m <= 0 || m < magnitudeMax[i]) continue;
            // Sobel 3x3 weighs the difference by 8; the steepest possible step gives a ratio of 1 (gradient 1/px per level).
            var ratio = m / 8.0 / contrast;
            histogram[Math.Min(Bins - 1, (int)(ratio * (Bins - 1)))]++;
            count++;
        }
        if (count < MinEdgePixels) return null;
        var target = (int)Math.Ceiling(count * Percentile);
        var seen = 0;
        for (var bin = 0; bin < Bins; bin++)
        {
            seen += histogram[bin];
            if (seen >= target) return Math.Max(bin + 0.5, 1) / (Bins - 1);
        }
        return 1;
    }
}
