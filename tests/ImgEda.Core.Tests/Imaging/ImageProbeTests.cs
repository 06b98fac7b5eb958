using ImgEda.Core.Imaging;

namespace ImgEda.Core.Tests.Imaging;

public class ImageProbeTests
{
    private static ImageHeader Probe(string badInput) => ImageProbe.Probe(File.ReadAllBytes(BadInputs.File(badInput)));

    [Theory]
    [InlineData("png_named.jpg", ImageFormat.Png, 451, 300, "rgb", 8)]
    [InlineData("cmyk.jpg", ImageFormat.Jpeg, 451, 300, "cmyk", 8)]
    [InlineData("palette.png", ImageFormat.Png, 451, 300, "palette", 8)]
    [InlineData("alpha.png", ImageFormat.Png, 451, 300, "rgba", 8)]
    [InlineData("gray16.tif", ImageFormat.Tiff, 64, 48, "gray", 16)]
    [InlineData("huge_header.png", ImageFormat.Png, 60000, 60000, "rgb", 8)]
    public void Reads_format_size_and_colour_mode_from_the_header(
        string file, ImageFormat format, int width, int height, string mode, int depth)
    {
        var h = Probe(file);
        Assert.Equal((format, width, height, mode, depth), (h.Format, h.Width, h.Height, h.ColorMode, h.BitDepth));
        Assert.False(h.IsTruncated);
        Assert.Null(h.Fault);
    }

    [Fact]
    public void Counts_the_pages_of_a_multipage_tiff_and_sees_float_samples()
    {
        Assert.Equal(3, Probe("multipage3.tif").Frames);
        var f = Probe("float64.tif");
        Assert.Equal((2, 64, true), (f.Frames, f.BitDepth, f.IsFloat));
        var multipage = File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "multipage_rgb.tif"));
        Assert.True(ImageProbe.Probe(multipage).Frames > 1);
    }

    [Fact]
    public void Counts_the_frames_of_an_animated_gif()
    {
        var h = ImageProbe.Probe(File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "no_time_for_that_tiny.gif")));
        Assert.Equal(ImageFormat.Gif, h.Format);
        Assert.True(h.Frames > 1, $"frames = {h.Frames}");
        Assert.False(h.IsTruncated);
    }

    [Theory]
    [InlineData("truncated_mid_scan.jpg")]
    [InlineData("truncated.png")]
    public void Sees_a_file_cut_short(string file) => Assert.True(Probe(file).IsTruncated);

    [Fact]
    public void A_jpeg_cut_inside_its_header_is_truncated()
    {
        var h = ImageProbe.Probe(File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "truncated.jpg")));
        Assert.True(h.IsTruncated);
    }

    [Fact]
    public void Every_intact_sample_and_photo_is_not_truncated()
    {
        var intact = RepoPaths.SampleFiles.Where(f => !f.EndsWith("truncated.jpg")).Concat(RepoPaths.PhotoFiles);
        var flagged = intact
            .Where(f => ImageProbe.Probe(File.ReadAllBytes(f)) is { IsTruncated: true } or { Fault: not null })
            .ToList();
        Assert.Empty(flagged);
    }

    [Fact]
    public void A_flipped_byte_in_a_png_chunk_is_a_crc_fault()
    {
        var bytes = File.ReadAllBytes(BadInputs.File("alpha.png"));
        bytes[bytes.Length / 2] ^= 0x40;
        Assert.Contains("CRC mismatch", ImageProbe.Probe(bytes).Fault);
    }

    [Theory]
    [InlineData("random_bytes.jpg")]
    [InlineData("text_named.jpg")]
    [InlineData("zero_bytes.jpg")]
    public void Non_images_are_unknown(string file) => Assert.Equal(ImageFormat.Unknown, Probe(file).Format);

    [Fact]
    public void Every_prefix_of_a_file_is_cut_short_or_not_an_image()
    {
        // The probe turns parser exceptions into verdicts, so not throwing proves nothing: each prefix must be seen.
        foreach (var file in new[] { "exif.jpg", "alpha.png", "multipage3.tif", "gray16.tif" })
        {
            var bytes = File.ReadAllBytes(BadInputs.File(file));
            Assert.True(ImageProbe.Probe(bytes) is { IsTruncated: false, Fault: null }, $"{file} whole");
            for (var n = 0; n < bytes.Length; n += Math.Max(1, n / 64))
            {
                var header = ImageProbe.Probe(bytes.AsSpan(0, n));
                Assert.True(header.Format == ImageFormat.Unknown || header.IsTruncated || header.Fault is not null,
                    $"{file} cut to {n} of {bytes.Length} bytes probes as whole");
            }
        }
    }
}
