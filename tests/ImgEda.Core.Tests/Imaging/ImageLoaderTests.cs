using ImgEda.Core.Imaging;

namespace ImgEda.Core.Tests.Imaging;

public class ImageLoaderTests
{
    private static LoadedImage Load(string badInput, long maxPixels = ImageLoader.DefaultMaxPixels) =>
        new ImageLoader(maxPixels).Load(File.ReadAllBytes(BadInputs.File(badInput)));

    [Theory]
    [InlineData("zero_bytes.jpg", "empty file")]
    [InlineData("random_bytes.jpg", "not an image")]
    [InlineData("text_named.jpg", "not an image")]
    [InlineData("truncated.png", "truncated")]
    public void Undecodable_files_are_corrupt_with_a_reason(string file, string reason)
    {
        using var loaded = Load(file);
        Assert.True(loaded.IsCorrupt);
        Assert.False(loaded.IsUnsupported);
        Assert.Null(loaded.Image);
        Assert.Contains(reason, loaded.Error);
    }

    [Fact]
    public void A_jpeg_cut_mid_scan_decodes_but_is_recorded_as_corrupt_and_truncated()
    {
        using var loaded = Load("truncated_mid_scan.jpg");
        Assert.NotNull(loaded.Image);
        Assert.True(loaded.IsCorrupt);
        Assert.True(loaded.Header.IsTruncated);
    }

    [Fact]
    public void A_jpeg_cut_mid_scan_has_the_pixels_cv2_imread_gives_it()
    {
        // cv::imdecode alone gives up on it (OpenCV 4.13); imread fills the missing rows with grey.
        using var tmp = new TempDir();
        using var loaded = Load("truncated_mid_scan.jpg");
        File.WriteAllBytes(tmp["ours.png"], ImageEncoder.Png(loaded.Image!));
        var same = PythonReference.Run("""
            import cv2, sys
            a, b = cv2.imread(sys.argv[1]), cv2.imread(sys.argv[2])
            print(a.shape == b.shape and bool((a == b).all()))
            """, BadInputs.File("truncated_mid_scan.jpg"), tmp["ours.png"]);
        Assert.Equal("True", same.Stdout.Trim());
    }

    [Fact]
    public void A_gif_decodes_to_its_first_frame()
    {
        var gif = Path.Combine(RepoPaths.Samples, "no_time_for_that_tiny.gif");
        using var loaded = new ImageLoader().Load(File.ReadAllBytes(gif));
        Assert.False(loaded.IsCorrupt || loaded.IsUnsupported, loaded.Error);
        Assert.Equal((loaded.Header.Width, loaded.Header.Height), (loaded.Image!.Cols, loaded.Image.Rows));
        Assert.True(loaded.Header.Frames > 1);
    }

    [Theory]
    [InlineData(4, 20000)]
    [InlineData(20000, 4)]
    [InlineData(1, 9000)]
    public void An_extreme_strip_decodes_with_every_reduction_the_steps_ask_for(int width, int height)
    {
        using var strip = new OpenCvSharp.Mat(height, width, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(90));
        var png = ImageEncoder.Png(strip);
        foreach (var minLongSide in new[] { 200, 512, 2048 })
        {
            using var loaded = new ImageLoader().Load(png, header => new DecodePlan(OpenCvSharp.ImreadModes.Color,
                ImageLoader.ReduceFactorFor(header, minLongSide)));
            var verdict = $"{width}x{height} for {minLongSide}: {loaded.Error}";
            Assert.False(loaded.IsCorrupt || loaded.IsUnsupported, verdict);
            Assert.True(loaded.Image!.Cols >= 1 && loaded.Image.Rows >= 1);
        }
    }

    [Fact]
    public void OpenCv_is_the_4_13_runtime()
    {
        Assert.StartsWith("4.13.", OpenCvRuntime.Version);
    }

    [Theory]
    [InlineData("float64.tif", "floating-point")]
    [InlineData("huge_header.png", "over the limit")]
    public void Unsupported_images_are_refused_but_not_corrupt(string file, string reason)
    {
        using var loaded = Load(file);
        Assert.True(loaded.IsUnsupported);
        Assert.False(loaded.IsCorrupt);
        Assert.Contains(reason, loaded.Error);
    }

    [Fact]
    public void The_pixel_limit_refuses_from_the_header()
    {
        // 60000x60000x3 would be 10 GB. Peak memory of a step given this file: ResourceTests.
        using var loaded = Load("huge_header.png");
        Assert.True(loaded.IsUnsupported);
        Assert.Null(loaded.Image);
        Assert.Equal((60000, 60000), (loaded.Header.Width, loaded.Header.Height));
    }

    [Fact]
    public void A_lower_limit_refuses_ordinary_images()
    {
        using var loaded = Load("exif.jpg", maxPixels: 1000);
        Assert.True(loaded.IsUnsupported);
    }

    [Theory]
    [InlineData("png_named.jpg")]
    [InlineData("cmyk.jpg")]
    [InlineData("palette.png")]
    [InlineData("alpha.png")]
    [InlineData("gray16.tif")]
    [InlineData("multipage3.tif")]
    public void Unusual_but_valid_encodings_decode_to_8_bit_bgr(string file)
    {
        using var loaded = Load(file);
        Assert.False(loaded.IsCorrupt || loaded.IsUnsupported, loaded.Error);
        Assert.Equal(OpenCvSharp.MatType.CV_8UC3, loaded.Image!.Type());
    }

    [Fact]
    public void A_reduced_decode_is_recorded_as_its_scale()
    {
        var photo = RepoPaths.PhotoFiles.First(f => f.Contains("5120x2880") && f.EndsWith(".jpg"));
        var bytes = File.ReadAllBytes(photo);
        using var loaded = new ImageLoader().Load(bytes, header => new DecodePlan(OpenCvSharp.ImreadModes.Color,
            ImageLoader.ReduceFactorFor(header, 1000)));
        Assert.Equal(4, loaded.Scale);
        Assert.Equal(1280, loaded.Image!.Cols);
    }
}
