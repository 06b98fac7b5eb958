using OpenCvSharp;

namespace ImgEda.Hash;

/// <summary>dHash as CoenM.ImageHash defines it: 9x8, grayscale, bit = left pixel &lt; right pixel, row by
/// row.</summary>
public static class DifferenceHash
{
    public static ulong Compute(Mat bgr) => FromGray(HashInput.Gray(bgr, 9, 8));

    public static ulong FromGray(ReadOnlySpan<byte> gray9x8)
    {
        if (gray9x8.Length != 72) throw new ArgumentException("dHash needs 9x8 pixels", nameof(gray9x8));
        var hash = 0UL;
        var bit = 63;
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++, bit--)
            {
                if (gray9x8[y * 9 + x] < gray9x8[y * 9 + x + 1]) hash |= 1UL << bit;
            }
        }
        return hash;
    }
}
