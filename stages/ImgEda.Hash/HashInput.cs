using OpenCvSharp;

namespace ImgEda.Hash;

/// <summary>The small grayscale image every hash starts from: resized first, then converted to gray (BT.601), in
/// CoenM.ImageHash's order. INTER_AREA averages every source pixel, so the result does not alias.</summary>
public static class HashInput
{
    public static byte[] Gray(Mat bgr, int width, int height)
    {
        using var small = bgr.Resize(new Size(width, height), interpolation: InterpolationFlags.Area);
        using var gray = small.CvtColor(ColorConversionCodes.BGR2GRAY);
        return gray.AsSpan<byte>().ToArray();
    }

    public static string Hex(ulong hash) => hash.ToString("x16");

    public static int Distance(ulong a, ulong b) => System.Numerics.BitOperations.PopCount(a ^ b);

    /// <summary>CoenM's similarity: the share of equal bits, in percent.</summary>
    public static double Similarity(ulong a, ulong b) => (64 - Distance(a, b)) * 100.0 / 64;
}
