using OpenCvSharp;

namespace ImgEda.Hash;

/// <summary>aHash as CoenM.ImageHash defines it: 8x8, grayscale (BT.601), bit = pixel >= integer mean,
/// first pixel in the most significant bit.</summary>
public static class AverageHash
{
    public static ulong Compute(Mat bgr) => FromGray(HashInput.Gray(bgr, 8, 8));

    public static ulong FromGray(ReadOnlySpan<byte> gray8x8)
    {
        if (gray8x8.Length != 64) throw new ArgumentException("aHash needs 64 pixels", nameof(gray8x8));
        var sum = 0u;
        foreach (var p in gray8x8) sum += p;
        var mean = sum / 64;
        var hash = 0UL;
        for (var i = 0; i < 64; i++)
        {
            if (gray8x8[i] >= mean) hash |= 1UL << (63 - i);
        }
        return hash;
    }
}
