using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using ImgEda.Core.Records;
using OpenCvSharp;

namespace ImgEda.Hash.Tests;

/// <summary>An image whose picture lives in its alpha channel is hashed as a viewer shows it (issue 14, part 1).
/// </summary>
public class TransparencyHashTests
{
    private static readonly ImageHasher Hasher = new(new ImageLoader());

    private static HashRecord Hash(byte[] bytes) => Hasher.Hash(new Datum("images", "x.png", "x.png"), bytes, "");

    /// <summary>A constant-colour image whose alpha is the Otsu threshold of a sample image (its shape).</summary>
    private static byte[] ShapeInAlpha(string sample)
    {
        using var gray = Cv2.ImRead(Path.Combine(RepoPaths.Samples, sample), ImreadModes.Grayscale);
        using var small = gray.Resize(new Size(320, 240), interpolation: InterpolationFlags.Area);
        using var alpha = new Mat();
        Cv2.Threshold(small, alpha, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        using var white = new Mat(240, 320, MatType.CV_8UC1, Scalar.All(255));
        using var bgra = new Mat();
        Cv2.Merge([white, white, white, alpha], bgra);
        return ImageEncoder.Png(bgra);
    }

    [Fact]
    public void Different_shapes_in_alpha_get_different_hashes_and_are_not_low_texture()
    {
        var coins = Hash(ShapeInAlpha("coins.png"));
        var camera = Hash(ShapeInAlpha("camera.png"));
        Assert.False(coins.IsLowTexture || camera.IsLowTexture);
        Assert.True(HashInput.Distance(Convert.ToUInt64(coins.Phash, 16), Convert.ToUInt64(camera.Phash, 16)) > 16,
            $"{coins.Phash} {camera.Phash}");
        Assert.NotEqual(coins.Ahash, camera.Ahash);
        Assert.NotEqual(coins.Dhash, camera.Dhash);

        // What IMREAD_COLOR sees of both: the same white rectangle.
        using var a = Cv2.ImDecode(ShapeInAlpha("coins.png"), ImreadModes.Color);
        using var b = Cv2.ImDecode(ShapeInAlpha("camera.png"), ImreadModes.Color);
        Assert.Equal(PerceptualHash.Compute(a), PerceptualHash.Compute(b));
    }

    [Fact]
    public void The_hash_is_the_composite_over_the_neutral_grey()
    {
        var bytes = ShapeInAlpha("coins.png");
        using var loaded = new ImageLoader().LoadAsViewed(bytes);
        Assert.NotNull(loaded.Transparency);
        Assert.Equal(HashInput.Hex(PerceptualHash.Compute(loaded.Image!)), Hash(bytes).Phash);
    }
}
