using ImgEda.OpenCv;

namespace ImgEda.Hash;

/// <summary>pHash as CoenM.ImageHash defines it: 64x64 grayscale, orthonormal DCT-II, the 8x8 top-left block (DC
/// included), median = mean of the two middle values, bit = value &gt; median.</summary>
public static class PerceptualHash
{
    public static ulong Compute(Mat bgr) => FromGray(HashInput.Gray(bgr, 64, 64));

    public static ulong FromGray(ReadOnlySpan<byte> gray64x64) => FromCoefficients(LowFrequencies(gray64x64));

    /// <summary>The 8x8 top-left DCT block, row-major. The top-left block of the 2-D DCT equals the rows' DCT followed by
    /// the first 8 columns' DCT, which is how CoenM computes it.</summary>
    public static double[] LowFrequencies(ReadOnlySpan<byte> gray64x64)
    {
        if (gray64x64.Length != 64 * 64) throw new ArgumentException("pHash needs 64x64 pixels", nameof(gray64x64));
        using var mat = Mat.FromPixels(64, 64, MatType.CV_8UC1, gray64x64);
        using var dct = CvCore.Dct(mat);
        var all = dct.ToArray<double>();
        var block = new double[64];
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++) block[y * 8 + x] = all[y * 64 + x];
        }
        return block;
    }

    public static ulong FromCoefficients(ReadOnlySpan<double> block)
    {
        var sorted = block.ToArray();
        Array.Sort(sorted);
        var median = (sorted[31] + sorted[32]) / 2;
        var hash = 0UL;
        for (var i = 0; i < 64; i++)
        {
            if (block[i] > median) hash |= 1UL << (63 - i);
        }
        return hash;
    }
}
