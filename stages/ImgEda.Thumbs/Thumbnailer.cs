using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;
using ImgEda.OpenCv;

namespace ImgEda.Thumbs;

/// <summary>A thumbnail that fits in box x box: JPEG at &lt;path&gt;.jpg, or PNG at &lt;path&gt;.png when the image has alpha
/// (so transparency survives).</summary>
public sealed class Thumbnailer(int box, int jpegQuality, ImageLoader loader) : IDatumProcessor
{
    public string Step => "thumbs";
    public string OptionsKey => $"box={box};quality={jpegQuality};max_pixels={loader.MaxPixels}";

    public DatumResult Process(Datum datum, ReadOnlySpan<byte> bytes, string sha256)
    {
        // Alpha needs IMREAD_UNCHANGED, which skips EXIF orientation; images with alpha (PNG, WebP) rarely carry it.
        // Opaque images use a reduced decode that still leaves at least twice the box for a clean downscale.
        using var loaded = loader.Load(bytes, header => header is { Channels: 2 or 4 } or { ColorMode: "rgba" or "gray_alpha" }
            ? new DecodePlan(ImreadModes.Unchanged)
            : new DecodePlan(ImreadModes.Color, ImageLoader.ReduceFactorFor(header, 2 * box)));
        if (loaded.Image is null) return new DatumResult([], $"no thumbnail: {loaded.Error}");
        var (suffix, content) = Render(loaded.Image);
        return new DatumResult([new DatumOutput(suffix, content)], loaded.Error);
    }

    public (string Suffix, byte[] Content) Render(Mat image)
    {
        using var eight = image.Type.Depth == MatDepth.U8 ? null : CvCore.ConvertTo(image, MatType.Make(MatDepth.U8, image.Channels), Scale(image.Type.Depth));
        var source = eight ?? image;
        var (w, h) = ThumbnailSize.Fit(source.Cols, source.Rows, box);
        using var small = w == source.Cols && h == source.Rows ? null : ImgProc.Resize(source, w, h, Interpolation.Area);
        var thumb = small ?? source;
        return thumb.Channels == 4
            ? (".png", ImgCodecs.Encode(".png", thumb))
            : (".jpg", ImgCodecs.Encode(".jpg", thumb, ImgCodecs.ImwriteJpegQuality, jpegQuality));
    }

    private static double Scale(MatDepth depth) => depth switch
    {
        MatDepth.U16 => 1.0 / 257,
        MatDepth.F32 or MatDepth.F64 => 255,
        _ => 1,
    };
}
