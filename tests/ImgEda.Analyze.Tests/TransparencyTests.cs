using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using ImgEda.Core.Records;
using OpenCvSharp;

namespace ImgEda.Analyze.Tests;

/// <summary>Images with transparency are analysed as a viewer shows them (issue 14, part 1); images without it exactly
/// as before.</summary>
public class TransparencyTests
{
    private static readonly ImageAnalyzer Analyzer = new(new AnalyzeOptions(), new ImageLoader());

    private static AnalyzeRecord Analyze(byte[] bytes, string name = "x.png") =>
        Analyzer.Analyze(new Datum("images", name, "/dev/null"), bytes, "");

    /// <summary>A shape from a sample image: its Otsu threshold, 320x240.</summary>
    private static Mat Shape(string sample)
    {
        using var gray = Cv2.ImRead(Path.Combine(RepoPaths.Samples, sample), ImreadModes.Grayscale);
        using var small = gray.Resize(new Size(320, 240), interpolation: InterpolationFlags.Area);
        var mask = new Mat();
        Cv2.Threshold(small, mask, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        return mask;
    }

    private static Mat Photo(string sample = "coffee.png")
    {
        using var photo = Cv2.ImRead(Path.Combine(RepoPaths.Samples, sample));
        return photo.Resize(new Size(320, 240), interpolation: InterpolationFlags.Area);
    }

    /// <summary>BGRA from a colour image and an alpha plane; where alpha is 0 the colour is replaced by
    /// <paramref name="hidden"/> when given (what a viewer never sees).</summary>
    private static Mat WithAlpha(Mat bgr, Mat alpha, Scalar? hidden = null)
    {
        using var colour = bgr.Clone();
        if (hidden is { } h)
        {
            using var transparent = new Mat();
            Cv2.Compare(alpha, Scalar.All(0), transparent, CmpTypes.EQ);
            colour.SetTo(h, transparent);
        }
        var planes = colour.Split();
        var bgra = new Mat();
        Cv2.Merge([.. planes, alpha], bgra);
        foreach (var p in planes) p.Dispose();
        return bgra;
    }

    [Fact]
    public void A_shape_drawn_only_into_alpha_is_seen()
    {
        using var shape = Shape("coins.png");
        using var colour = new Mat(240, 320, MatType.CV_8UC3, new Scalar(40, 90, 200));
        using var bgra = WithAlpha(colour, shape);
        var r = Analyze(ImageEncoder.Png(bgra));
        Assert.True(r.HasAlpha);
        Assert.InRange(r.TransparentFraction!.Value, 0.05, 0.95);
        Assert.Equal(1 - Cv2.Mean(shape).Val0 / 255, r.TransparentFraction.Value, 3);
        Assert.False(r.IsBlank);
        // Its visible colour, not a blank rectangle: the shape's outline has edges to judge.
        Assert.NotNull(r.BlurScore);
        Assert.Equal((200.0, 90.0, 40.0), (r.PixelStats!.MeanR, r.PixelStats.MeanG, r.PixelStats.MeanB));
        // IMREAD_COLOR (what analyze used to see) has no edge at all.
        using var opaque = Cv2.ImDecode(ImageEncoder.Png(bgra), ImreadModes.Color);
        Assert.Null(BlurMeter.EdgeSigma(opaque.CvtColor(ColorConversionCodes.BGR2GRAY)));
    }

    [Theory]
    [InlineData(255)]
    [InlineData(0)]
    public void Hidden_colour_does_not_make_an_image_overexposed_or_dark(int hiddenLevel)
    {
        using var photo = Photo();
        using var shape = Shape("coins.png");
        using var bgra = WithAlpha(photo, shape, Scalar.All(hiddenLevel));
        var r = Analyze(ImageEncoder.Png(bgra));
        using var gray = photo.CvtColor(ColorConversionCodes.BGR2GRAY);
        var visible = Cv2.Mean(gray, shape).Val0;   // the shape's alpha is 0 or 255: weights are the mask
        Assert.Equal(visible, r.PixelStats!.MeanBrightness, 0);
        Assert.Equal((visible < 40, visible > 220), (r.IsDark, r.IsOverexposed));
        using var everything = Cv2.ImDecode(ImageEncoder.Png(bgra), ImreadModes.Grayscale);
        Assert.True(Math.Abs(Cv2.Mean(everything).Val0 - visible) > 20, "the hidden colour should pull the plain mean");
    }

    [Fact]
    public void A_half_transparent_photo_keeps_the_photos_verdicts()
    {
        using var photo = Photo("astronaut.png");
        using var half = new Mat(photo.Size(), MatType.CV_8UC1, Scalar.All(128));
        using var bgra = WithAlpha(photo, half);
        var opaque = Analyze(ImageEncoder.Png(photo));
        var r = Analyze(ImageEncoder.Png(bgra));
        Assert.Equal(0.498, r.TransparentFraction!.Value, 3);
        Assert.Equal(opaque.PixelStats!.MeanBrightness, r.PixelStats!.MeanBrightness, 1);
        Assert.Equal((opaque.IsDark, opaque.IsOverexposed), (r.IsDark, r.IsOverexposed));
        Assert.False(r.IsBlank || r.IsBlurry || r.HasBorderArtifact);
    }

    [Fact]
    public void A_fully_transparent_image_is_blank_not_dark_or_bright()
    {
        using var photo = Photo();
        using var none = new Mat(photo.Size(), MatType.CV_8UC1, Scalar.All(0));
        foreach (var hidden in new[] { 0, 255 })
        {
            using var bgra = WithAlpha(photo, none, Scalar.All(hidden));
            var r = Analyze(ImageEncoder.Png(bgra));
            Assert.True(r.IsBlank);
            Assert.Equal(1, r.TransparentFraction);
            Assert.False(r.IsDark || r.IsOverexposed || r.IsBlurry || r.HasBorderArtifact);
            Assert.Null(r.PixelStats);
        }
    }

    [Fact]
    public void Sixteen_bit_palette_grey_alpha_and_gif_encodings_are_composited()
    {
        using var tmp = new TempDir();
        using var shape = Shape("camera.png");
        using var photo = Photo();
        using var bgra = WithAlpha(photo, shape);
        using var deep = new Mat();
        bgra.ConvertTo(deep, MatType.CV_16UC4, 257);
        File.WriteAllBytes(tmp["rgba16.png"], ImageEncoder.Png(deep));
        File.WriteAllBytes(tmp["rgba8.png"], ImageEncoder.Png(bgra));
        // OpenCV writes neither a palette with transparent entries nor grey + alpha: Pillow does, and the GIF whose
        // transparent colour index is where the shape's alpha is 0 (the shape's alpha is 0 or 255).
        PythonReference.Run("""
            import sys
            from PIL import Image
            rgba = Image.open(sys.argv[1])
            rgba.convert("LA").save(sys.argv[2])
            rgba.quantize(64, dither=Image.Dither.NONE).save(sys.argv[3])
            p = Image.open(sys.argv[3]).convert("RGBA")
            alpha = rgba.getchannel("A")
            p.putalpha(alpha)
            p.quantize(64, dither=Image.Dither.NONE).save(sys.argv[3])
            gif = rgba.convert("RGB").quantize(63, dither=Image.Dither.NONE)
            gif.paste(63, mask=alpha.point(lambda a: 255 if a < 128 else 0))
            gif.save(sys.argv[4], transparency=63)
            """, tmp["rgba8.png"], tmp["la.png"], tmp["palette.png"], tmp["shape.gif"]);
        var reference = Analyze(File.ReadAllBytes(tmp["rgba8.png"]));
        (string File, string Mode)[] encodings =
            [("rgba16.png", "rgba"), ("la.png", "gray_alpha"), ("palette.png", "palette"), ("shape.gif", "palette")];
        foreach (var (file, mode) in encodings)
        {
            var r = Analyze(File.ReadAllBytes(tmp[file]), file);
            Assert.True(r.HasAlpha, file);
            Assert.Equal(mode, r.ColorMode);
            Assert.False(r.IsCorrupt, r.Error);
            Assert.Equal(reference.TransparentFraction!.Value, r.TransparentFraction!.Value, 1);
            Assert.NotNull(r.BlurScore);
        }
    }

    [Fact]
    public void Images_without_alpha_are_decoded_and_judged_as_before()
    {
        var loader = new ImageLoader();
        foreach (var file in RepoPaths.SampleFiles.Concat(RepoPaths.PhotoFiles.Where((_, i) => i % 8 == 0)))
        {
            var bytes = File.ReadAllBytes(file);
            int Reduce(ImageHeader h) => ImageLoader.ReduceFactorFor(h, 2048);
            using var viewed = loader.LoadAsViewed(bytes, Reduce);
            if (viewed.Header.HasAlpha || viewed.Image is null) continue;
            using var plain = loader.Load(bytes, ImreadModes.Color, Reduce);
            Assert.Null(viewed.Transparency);
            Assert.Equal(plain.Scale, viewed.Scale);
            Assert.Equal(plain.Image!.AsSpan<byte>().ToArray(), viewed.Image.AsSpan<byte>().ToArray());

            // Exposure as it was computed before issue 14: mean and spread of the BGR decode, brightness of its grey.
            var r = Analyze(bytes, Path.GetFileName(file));
            Cv2.MeanStdDev(plain.Image, out var mean, out var std);
            using var gray = plain.Image.CvtColor(ColorConversionCodes.BGR2GRAY);
            var brightness = Math.Round(Cv2.Mean(gray).Val0, 3);
            Assert.Equal((Math.Round(mean[2], 3), Math.Round(std[0], 3), brightness),
                (r.PixelStats!.MeanR, r.PixelStats.StdB, r.PixelStats.MeanBrightness));
            Assert.Equal((brightness < 40, brightness > 220, false, false, (double?)null),
                (r.IsDark, r.IsOverexposed, r.IsBlank, r.HasAlpha, r.TransparentFraction));
        }
    }

    [Fact]
    public void An_opaque_alpha_channel_changes_nothing_but_has_alpha()
    {
        using var photo = Photo("astronaut.png");
        using var full = new Mat(photo.Size(), MatType.CV_8UC1, Scalar.All(255));
        using var bgra = WithAlpha(photo, full);
        var opaque = Analyze(ImageEncoder.Png(photo));
        var r = Analyze(ImageEncoder.Png(bgra));
        Assert.Equal((true, 0.0), (r.HasAlpha, r.TransparentFraction));
        var expected = opaque with
        {
            HasAlpha = true,
            TransparentFraction = 0,
            Channels = 4,
            ColorMode = "rgba",
            FileSizeBytes = r.FileSizeBytes,
        };
        Assert.Equal(expected, r with { Exif = opaque.Exif });
    }
}
