using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;
using OpenCvSharp;

namespace ImgEda.Thumbs;

/// <summary>A thumbnail that fits in box x box: JPEG at &lt;path&gt;.jpg, or PNG at &lt;path&gt;.png when the image has
/// alpha. An image with alpha is shown as every step sees it, composited over <see cref="AlphaCompositor"/>'s grey; PNG
/// keeps its logo or icon edges clean.</summary>
public sealed class Thumbnailer(int box, int jpegQuality, ImageLoader loader) : IDatumProcessor
{
    public string Step => "thumbs";
    public string OptionsKey => $"box={box};quality={jpegQuality};max_pixels={loader.MaxPixels}";

    public DatumResult Process(Datum datum, ReadOnlySpan<byte> bytes, string sha256)
    {
        // A reduced decode that still leaves at least twice the box for a clean downscale. Alpha needs
        // IMREAD_UNCHANGED, which skips EXIF orientation; images with alpha (PNG, WebP) rarely carry it.
        using var loaded = loader.LoadAsViewed(bytes, header => ImageLoader.ReduceFactorFor(header, 2 * box));
        if (loaded.Image is null) return new DatumResult([], $"no thumbnail: {loaded.Error}");
        var (suffix, content) = Render(loaded.Image, png: loaded.Header.HasAlpha);
        return new DatumResult([new DatumOutput(suffix, content)], loaded.Error);
    }

    public (string Suffix, byte[] Content) Render(Mat image, bool png = false)
    {
        using var eight = image.Depth() == MatType.CV_8U ? null : EightBit(image);
        var source = eight ?? image;
        var (w, h) = ThumbnailSize.Fit(source.Cols, source.Rows, box);
        var fits = w == source.Cols && h == source.Rows;
        using var small = fits ? null : source.Resize(new Size(w, h), interpolation: InterpolationFlags.Area);
        var thumb = small ?? source;
        return png || thumb.Channels() == 4
            ? (".png", ImageEncoder.Png(thumb))
            : (".jpg", ImageEncoder.Jpeg(thumb, jpegQuality));
    }

    /// <summary>16-bit and floating-point images scaled to 8 bits, as a viewer shows them.</summary>
    private static Mat EightBit(Mat image)
    {
        var scale = image.Depth() switch
        {
            MatType.CV_16U => 1.0 / 257,
            MatType.CV_32F or MatType.CV_64F => 255,
            _ => 1,
        };
        var eight = new Mat();
        image.ConvertTo(eight, MatType.CV_8UC(image.Channels()), scale);
        return eight;
    }
}
