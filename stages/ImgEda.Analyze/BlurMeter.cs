using OpenCvSharp;

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

    /// <summary>Buffers reused from image to image: a 2560x1600 image needs ~40 MB of them, which would otherwise land
    /// on the large-object heap once per image and stay there until a full collection.</summary>
    private sealed class Buffers
    {
        public float[] Magnitude = [];
        public byte[] IsLocalMax = [], Contrast = [];
    }

    private static readonly System.Collections.Concurrent.ConcurrentBag<Buffers> Pool = [];

    /// <summary>The blur sigma in pixels of the decoded image, or null when it has no edges to judge.</summary>
    public static double? EdgeSigma(Mat gray)
    {
        if (gray.Rows < 16 || gray.Cols < 16) return null;
        var n = gray.Rows * gray.Cols;
        var buffers = Pool.TryTake(out var b) ? b : new Buffers();
        try
        {
            return EdgeSigma(gray, n, Grow(ref buffers.Magnitude, n), Grow(ref buffers.IsLocalMax, n), Grow(ref buffers.Contrast, n));
        }
        finally
        {
            Pool.Add(buffers);
        }
    }

    private static double? EdgeSigma(Mat gray, int n, float[] magnitude, byte[] isLocalMax, byte[] contrast)
    {
        using (var mag = GradientMagnitude(gray))
        {
            mag.AsSpan<float>().CopyTo(magnitude);
            using var magMax = Morphology(mag, MorphTypes.Dilate, 3);
            using var localMax = new Mat();
            Cv2.Compare(mag, magMax, localMax, CmpTypes.GE);
            localMax.AsSpan<byte>().CopyTo(isLocalMax);
        }
        // The morphological gradient (dilation minus erosion) is the local contrast.
        using (var range = Morphology(gray, MorphTypes.Gradient, 2 * ContrastRadius + 1))
        {
            range.AsSpan<byte>().CopyTo(contrast);
        }

        foreach (var floor in ContrastFloors)
        {
            var sharpness = SharpnessAtEdges(magnitude.AsSpan(0, n), isLocalMax.AsSpan(0, n), contrast.AsSpan(0, n), floor);
            if (sharpness is { } s) return 1.0 / (s * Math.Sqrt(2 * Math.PI));
        }
        return null;
    }

    private static Mat GradientMagnitude(Mat gray)
    {
        using var gx = new Mat();
        using var gy = new Mat();
        Cv2.Sobel(gray, gx, MatType.CV_32F, 1, 0);
        Cv2.Sobel(gray, gy, MatType.CV_32F, 0, 1);
        var magnitude = new Mat();
        Cv2.Magnitude(gx, gy, magnitude);
        return magnitude;
    }

    /// <summary>A morphological operation with a square kernel of side <paramref name="kernelSize"/>.</summary>
    private static Mat Morphology(Mat image, MorphTypes operation, int kernelSize)
    {
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(kernelSize, kernelSize));
        var result = new Mat();
        Cv2.MorphologyEx(image, result, operation, kernel);
        return result;
    }

    private static T[] Grow<T>(ref T[] buffer, int length) => buffer.Length >= length ? buffer : buffer = new T[length];

    /// <summary>The given percentile of gradient / contrast over edge pixels (local gradient maxima above the floor).</summary>
    private static double? SharpnessAtEdges(ReadOnlySpan<float> magnitude, ReadOnlySpan<byte> isLocalMax, ReadOnlySpan<byte> localContrast, int floor)
    {
        var histogram = new int[Bins];
        var count = 0;
        for (var i = 0; i < magnitude.Length; i++)
        {
            int contrast = localContrast[i];
            var m = magnitude[i];
            if (contrast < floor || m <= 0 || isLocalMax[i] == 0) continue;
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
