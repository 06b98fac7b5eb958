using OpenCvSharp;

namespace ImgEda.Hash;

/// <summary>pHashes of a few windows inside the image, so that a copy cropped by up to 5% per side still has a pHash
/// close to one of its original's. A crop of left l, right r (each 0..5%) keeps a window of scale 1 - l - r whose
/// centre moved by (l - r) / 2: per axis, scale 0.9..1 with an offset of at most 2.5%, the offset shrinking to 0 at
/// both ends. The full-image pHash tolerates about 2% of scale or shift, so the windows sit where it does not reach:
/// the centre at 95% and 90%, and 95% windows moved 2% towards each corner (the one-sided crops). On the fetched
/// photos, a copy cropped anywhere in that range (JPEG q85) has its pHash within 8 bits of one of these windows'
/// or the full image's in 99% of cases, against 60% for the full-image pHash alone.</summary>
public static class CropHashes
{
    /// <summary>A window: its side as a share of the image's, and its centre's offset from the image's centre as a
    /// share of the image's width and height.</summary>
    public readonly record struct Window(double Scale, double OffsetX, double OffsetY);

    /// <summary>The windows, in the order the record lists their hashes (DESIGN.md §4).</summary>
    public static readonly Window[] Windows =
    [
        new(0.95, 0, 0), new(0.90, 0, 0),
        new(0.95, -0.02, -0.02), new(0.95, 0.02, -0.02), new(0.95, -0.02, 0.02), new(0.95, 0.02, 0.02),
    ];

    /// <summary>The pHash (DCT and bits as DESIGN.md §2 defines them) of each window, in <see cref="Windows"/>' order,
    /// from pHash's own 64x64 gray input: each window of it resampled (bilinear, at its exact fractional position) to
    /// 64x64. No further pass over the image's pixels; pHash keeps only the lowest 8x8 frequencies, which this
    /// resampling leaves as a resize of the window from the full image would.</summary>
    public static ulong[] Compute(ReadOnlySpan<byte> gray64x64)
    {
        if (gray64x64.Length != 64 * 64)
            throw new ArgumentException("crop hashes need 64x64 pixels", nameof(gray64x64));
        using var gray = new Mat(64, 64, MatType.CV_8UC1);
        gray64x64.CopyTo(gray.AsSpan<byte>());
        using var window = new Mat();
        var hashes = new ulong[Windows.Length];
        for (var i = 0; i < Windows.Length; i++)
        {
            var (scale, offsetX, offsetY) = Windows[i];
            // Output pixel u samples input x = scale * u + x0 + (scale - 1) / 2: pixel centres, window from x0 on.
            var x0 = 64 * ((1 - scale) / 2 + offsetX);
            var y0 = 64 * ((1 - scale) / 2 + offsetY);
            using var map = Mat.FromPixelData(2, 3, MatType.CV_64FC1,
                new[] { scale, 0, x0 + (scale - 1) / 2, 0, scale, y0 + (scale - 1) / 2 });
            Cv2.WarpAffine(gray, window, map, new Size(64, 64),
                InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
            hashes[i] = PerceptualHash.FromGray(window.AsSpan<byte>());
        }
        return hashes;
    }

    /// <summary>The window's pixel rectangle in an image of this size: at least one pixel, always inside it.</summary>
    public static Rect Pixels(Window window, int width, int height)
    {
        var w = Math.Max(1, (int)Math.Round(width * window.Scale));
        var h = Math.Max(1, (int)Math.Round(height * window.Scale));
        var x = (int)Math.Round((width - w) / 2.0 + window.OffsetX * width);
        var y = (int)Math.Round((height - h) / 2.0 + window.OffsetY * height);
        return new Rect(Math.Clamp(x, 0, width - w), Math.Clamp(y, 0, height - h), w, h);
    }
}
