using OpenCvSharp;

namespace ImgEda.Hash;

/// <summary>pHash as CoenM.ImageHash defines it: 64x64 grayscale, orthonormal DCT-II, the 8x8 top-left block (DC
/// included), median = mean of the two middle values, bit = value &gt; median.</summary>
public static class PerceptualHash
{
    /// <summary>A coefficient this close to the median may land on either side after a re-encode or a resize.</summary>
    public const double WeakMargin = 8;

    /// <summary>With this many weak bits, half the hash is noise: a flat or symmetric image (gradient wallpapers,
    /// glows, centred logos), whose pHash says little about what the image shows.</summary>
    public const int LowTextureWeakBits = 32;

    public static ulong Compute(Mat bgr) => FromGray(HashInput.Gray(bgr, 64, 64));

    /// <summary>The hash and how many of its bits are weak (coefficient within <see cref="WeakMargin"/> of the
    /// median).</summary>
    public static (ulong Hash, int WeakBits) ComputeWithWeakBits(Mat bgr)
    {
        var block = LowFrequencies(HashInput.Gray(bgr, 64, 64));
        var median = Median(block);
        return (FromCoefficients(block), block.Count(c => Math.Abs(c - median) < WeakMargin));
    }

    /// <summary>The hash, the hash of the horizontally mirrored image, and the weak bits, from one DCT of the 64x64
    /// gray input (<see cref="HashInput.Gray"/>).</summary>
    public static (ulong Hash, ulong Mirror, int WeakBits) ComputeWithMirror(ReadOnlySpan<byte> gray64x64)
    {
        var block = LowFrequencies(gray64x64);
        var median = Median(block);
        return (FromCoefficients(block), FromCoefficients(Mirrored(block)),
            block.Count(c => Math.Abs(c - median) < WeakMargin));
    }

    /// <summary>The 8x8 block of the horizontally mirrored image: the DCT-II basis of horizontal frequency u is
    /// symmetric about the centre for even u and antisymmetric for odd u, so mirroring the pixels negates the odd
    /// horizontal frequencies (in <see cref="LowFrequencies"/>' layout, the entries i with odd i / 8) and keeps the
    /// rest.</summary>
    public static double[] Mirrored(ReadOnlySpan<double> block)
    {
        var mirrored = block.ToArray();
        for (var i = 0; i < mirrored.Length; i++)
        {
            var horizontalFrequency = i / 8;
            if (horizontalFrequency % 2 == 1) mirrored[i] = -mirrored[i];
        }
        return mirrored;
    }

    public static ulong FromGray(ReadOnlySpan<byte> gray64x64) => FromCoefficients(LowFrequencies(gray64x64));

    /// <summary>The 8x8 top-left DCT block in CoenM's layout: entry u * 8 + v holds horizontal frequency u and vertical
    /// frequency v (CoenM takes the rows' DCT, then the DCT of the first 8 columns, and stores column u's result as
    /// row u: the transpose of the 2-D DCT's own block). The hash's bit order follows from it, so a test checks it
    /// against a port of CoenM's code (CoenMReferenceTests).</summary>
    public static double[] LowFrequencies(ReadOnlySpan<byte> gray64x64)
    {
        if (gray64x64.Length != 64 * 64) throw new ArgumentException("pHash needs 64x64 pixels", nameof(gray64x64));
        using var pixels = new Mat(64, 64, MatType.CV_8UC1);
        gray64x64.CopyTo(pixels.AsSpan<byte>());
        using var real = new Mat();
        pixels.ConvertTo(real, MatType.CV_64FC1);
        using var dct = real.Dct();
        var all = dct.AsSpan<double>();
        var block = new double[64];
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++) block[x * 8 + y] = all[y * 64 + x];
        }
        return block;
    }

    public static ulong FromCoefficients(ReadOnlySpan<double> block)
    {
        var median = Median(block);
        var hash = 0UL;
        for (var i = 0; i < 64; i++)
        {
            if (block[i] > median) hash |= 1UL << (63 - i);
        }
        return hash;
    }

    private static double Median(ReadOnlySpan<double> block)
    {
        var sorted = block.ToArray();
        Array.Sort(sorted);
        return (sorted[31] + sorted[32]) / 2;
    }
}
