using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using OpenCvSharp;

namespace ImgEda.Thumbs.Tests;

public class ThumbnailerTests
{
    private static readonly Thumbnailer Thumbs = new(100, 85, new ImageLoader());

    private static (string Suffix, Mat Image) Thumb(string path)
    {
        var result = Thumbs.Process(new Datum("images", Path.GetFileName(path), path), File.ReadAllBytes(path), "");
        var output = Assert.Single(result.Outputs);
        return (output.Suffix, Cv2.ImDecode(output.Content, ImreadModes.Unchanged));
    }

    [Fact]
    public void A_large_photo_becomes_a_jpeg_that_fits_in_the_box()
    {
        var (suffix, image) = Thumb(RepoPaths.PhotoFiles.First(f => f.Contains("5120x2880") && f.EndsWith(".jpg")));
        using (image)
        {
            Assert.Equal(".jpg", suffix);
            Assert.Equal((100, 56, 3), (image.Cols, image.Rows, image.Channels()));
        }
    }

    [Fact]
    public void Transparency_is_composited_over_the_neutral_grey_in_a_png()
    {
        var (suffix, image) = Thumb(BadInputs.File("alpha.png"));
        using (image)
        {
            Assert.Equal(".png", suffix);
            Assert.Equal(3, image.Channels());
            var px = image.AsSpan<byte>().ToArray();
            var row = image.Rows / 2 * image.Cols;
            Assert.Equal(AlphaCompositor.BackgroundLevel, px[(row + 5) * 3]);       // left half transparent: the grey
            var opaque = px.AsSpan((row + image.Cols - 5) * 3, 3).ToArray();       // right half opaque: its picture
            Assert.Contains(opaque, level => Math.Abs(level - AlphaCompositor.BackgroundLevel) > 20);
        }
    }

    [Theory]
    [InlineData("gray16.tif")]
    [InlineData("cmyk.jpg")]
    [InlineData("palette.png")]
    [InlineData("multipage3.tif")]
    public void Unusual_encodings_become_8_bit_thumbnails(string file)
    {
        var (_, image) = Thumb(BadInputs.File(file));
        using (image)
        {
            Assert.Equal(MatType.CV_8U, image.Depth());
            Assert.True(image.Cols <= 100 && image.Rows <= 100);
        }
    }

    [Fact]
    public void A_small_image_is_not_upscaled()
    {
        var (_, image) = Thumb(BadInputs.File("gray16.tif")); // 64x48
        using (image) Assert.Equal((64, 48), (image.Cols, image.Rows));
    }

    [Fact]
    public void A_16_bit_image_keeps_its_tones_when_reduced_to_8_bits()
    {
        ushort[] pixels = [0, 0, 0, 65535, 32896, 32896, 32896, 65535, 65535, 65535, 65535, 65535];
        using var ramp = Mat.FromPixelData(1, 3, MatType.CV_16UC4, pixels);
        var (suffix, content) = Thumbs.Render(ramp);
        using var back = Cv2.ImDecode(content, ImreadModes.Unchanged);
        Assert.Equal(".png", suffix);
        byte[] expected = [0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255];
        Assert.Equal(expected, back.AsSpan<byte>().ToArray());
    }

    [Fact]
    public void An_undecodable_file_gets_no_thumbnail_and_a_reason()
    {
        var result = Thumbs.Process(new Datum("images", "z.jpg", "z.jpg"), [], "");
        Assert.Empty(result.Outputs);
        Assert.Contains("empty file", result.Problem);
    }
}
