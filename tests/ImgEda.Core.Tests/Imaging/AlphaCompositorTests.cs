using ImgEda.Core.Imaging;
using OpenCvSharp;

namespace ImgEda.Core.Tests.Imaging;

public class AlphaCompositorTests
{
    [Theory]
    [InlineData(0, 128)]
    [InlineData(255, 20)]
    [InlineData(128, 74)]
    public void A_pixel_is_composited_over_the_neutral_grey(byte alpha, byte expected)
    {
        OpenCvRuntime.EnsureLoaded();
        using var colour = new Mat(1, 1, MatType.CV_8UC3, Scalar.All(20));
        using var a = new Mat(1, 1, MatType.CV_8UC1, Scalar.All(alpha));
        using var composite = AlphaCompositor.Composite(colour, a);
        Assert.Equal([expected, expected, expected], composite.AsSpan<byte>().ToArray());
    }

    [Fact]
    public void A_large_opaque_rgba_image_is_reduced_as_a_reduced_colour_decode_would_be()
    {
        using var photo = Cv2.ImRead(Path.Combine(RepoPaths.Samples, "astronaut.png"));
        using var large = photo.Resize(new Size(4200, 2400));
        using var bgra = large.CvtColor(ColorConversionCodes.BGR2BGRA);
        var bytes = ImageEncoder.Png(bgra);
        var loader = new ImageLoader();
        int Reduce(ImageHeader h) => ImageLoader.ReduceFactorFor(h, 2048);
        using var viewed = loader.LoadAsViewed(bytes, Reduce);
        using var plain = loader.Load(bytes, ImreadModes.Color, Reduce);
        Assert.True(viewed.Header.HasAlpha);
        Assert.Null(viewed.Transparency);
        Assert.Equal((2, 2), (plain.Scale, viewed.Scale));
        Assert.Equal(plain.Image!.AsSpan<byte>().ToArray(), viewed.Image!.AsSpan<byte>().ToArray());
    }

    [Fact]
    public void A_transparent_image_keeps_its_colour_and_alpha_at_the_reduced_size()
    {
        using var alpha = new Mat(2400, 4200, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(alpha, new Point(2100, 1200), 900, Scalar.All(255), -1);
        using var white = new Mat(2400, 4200, MatType.CV_8UC1, Scalar.All(255));
        using var bgra = new Mat();
        Cv2.Merge([white, white, white, alpha], bgra);
        using var viewed = new ImageLoader().LoadAsViewed(ImageEncoder.Png(bgra),
            h => ImageLoader.ReduceFactorFor(h, 2048));
        Assert.Equal(2, viewed.Scale);
        Assert.Equal((2100, 1200), (viewed.Image!.Cols, viewed.Image.Rows));
        Assert.NotNull(viewed.Transparency);
        Assert.Equal(128, viewed.Image.At<Vec3b>(10, 10).Item0);      // outside the disc: the grey
        Assert.Equal(255, viewed.Image.At<Vec3b>(600, 1050).Item0);   // the disc's centre: its colour
        Assert.Equal(0, viewed.Transparency.Alpha.At<byte>(10, 10));
    }
}
