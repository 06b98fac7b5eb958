using OpenCvSharp;

namespace ImgEda.Core.Imaging;

/// <summary>Probe, refuse, decode: the one way every step turns a file's bytes into pixels or into a verdict.</summary>
public sealed class ImageLoader(long maxPixels = ImageLoader.DefaultMaxPixels)
{
    /// <summary>imdecode gives up on a JPEG that ends mid-scan where imread (libjpeg's file source) inserts this marker
    /// and fills the missing rows with grey; appending it gives the same pixels as cv2.imread (OpenCV 4.6 and 4.13).
    /// </summary>
    private static readonly byte[] JpegEndOfImage = [0xFF, 0xD9];

    /// <summary>Pillow's decompression-bomb limit.</summary>
    public const long DefaultMaxPixels = 178_956_970;

    public long MaxPixels { get; } = maxPixels;

    static ImageLoader() => OpenCvRuntime.EnsureLoaded();

    /// <summary>Decodes with <paramref name="mode"/>; <paramref name="reduceFor"/> may pick a reduced decode
    /// (2, 4 or 8) from the header, recorded in the result's Scale.</summary>
    public LoadedImage Load(
        ReadOnlySpan<byte> bytes,
        ImreadModes mode = ImreadModes.Color,
        Func<ImageHeader, int>? reduceFor = null) =>
        Load(bytes, header => new DecodePlan(mode, reduceFor?.Invoke(header) ?? 1));

    /// <summary>Decodes as <paramref name="plan"/> chooses from the header (mode and reduction), probing the bytes
    /// once.</summary>
    public LoadedImage Load(ReadOnlySpan<byte> bytes, Func<ImageHeader, DecodePlan> plan)
    {
        if (bytes.Length == 0) return LoadedImage.Corrupt(new ImageHeader(), "empty file (0 bytes)");
        var header = ImageProbe.Probe(bytes);
        if (header.Format == ImageFormat.Unknown)
            return LoadedImage.Corrupt(header, "not an image: unrecognised file signature");
        if (header.Fault is not null) return LoadedImage.Corrupt(header, header.Fault);
        if (header.Pixels > MaxPixels)
            return LoadedImage.Unsupported(header, $"{header.Width}x{header.Height} is {header.Pixels:N0} pixels, " +
                $"over the limit of {MaxPixels:N0} (--max-pixels)");
        if (header is { Format: ImageFormat.Tiff, IsFloat: true, BitDepth: 64 })
            return LoadedImage.Unsupported(header,
                "64-bit floating-point TIFF samples are not supported by OpenCV's colour decoder");

        // A PNG that ends early never decodes (libpng stops at the missing data), and OpenCV 4.13's PNG reader first
        // allocates every chunk's declared length: a damaged IDAT length made it take 2 GB for a 75 kB file.
        if (header is { Format: ImageFormat.Png, IsTruncated: true })
            return LoadedImage.Corrupt(header, "truncated: the file ends early and cannot be decoded");

        var (mode, reduce, storedOrientation) = plan(header);
        var decodeMode = reduce switch { 2 or 4 or 8 => ReducedMode(mode, reduce), _ => mode };
        var scale = decodeMode == mode ? 1 : reduce;
        if (storedOrientation) decodeMode |= ImreadModes.IgnoreOrientation;
        Mat? image;
        try
        {
            image = header is { Format: ImageFormat.Jpeg, IsTruncated: true }
                ? Decode([.. bytes, .. JpegEndOfImage], decodeMode)
                : Decode(bytes, decodeMode);
        }
        catch (OpenCVException e)
        {
            return LoadedImage.Corrupt(header, e.Message);
        }
        if (image is null)
        {
            var reason = header.IsTruncated
                ? "truncated: the file ends early and cannot be decoded"
                : "OpenCV could not decode the image data";
            return LoadedImage.Corrupt(header, reason);
        }
        return header.IsTruncated
            ? new LoadedImage(header, image, scale, IsCorrupt: true, IsUnsupported: false,
                Error: "truncated: the file ends early (missing rows are filled in grey)")
            : new LoadedImage(header, image, scale, IsCorrupt: false, IsUnsupported: false, Error: null);
    }

    /// <summary>The picture as a viewer shows it: an image with transparency (<see cref="ImageHeader.HasAlpha"/>) is
    /// decoded with IMREAD_UNCHANGED and composited over <see cref="AlphaCompositor"/>'s grey, its colour and alpha
    /// kept in <see cref="LoadedImage.Transparency"/>; any other image is decoded with IMREAD_COLOR as Load does.
    /// <paramref name="reduceFor"/> picks the reduction as there; IMREAD_UNCHANGED has no reduced decode, so the
    /// image is resized as OpenCV resizes a reduced PNG decode (INTER_LINEAR_EXACT to the floor of size / factor).
    /// With <paramref name="storedOrientation"/> the pixels keep the file's orientation, so that positions in them are
    /// positions in the file; otherwise an opaque image is turned as its EXIF orientation says, as a viewer shows it
    /// (IMREAD_UNCHANGED, and so an image with transparency, is never turned).</summary>
    public LoadedImage LoadAsViewed(ReadOnlySpan<byte> bytes, Func<ImageHeader, int>? reduceFor = null,
        bool storedOrientation = false)
    {
        var reduce = 1;
        var loaded = Load(bytes, header =>
        {
            reduce = reduceFor?.Invoke(header) ?? 1;
            return header.HasAlpha
                ? new DecodePlan(ImreadModes.Unchanged)
                : new DecodePlan(ImreadModes.Color, reduce, storedOrientation);
        });
        if (loaded.Image is null || !loaded.Header.HasAlpha) return loaded;
        using (loaded)
        {
            // Reduced first, as a reduced decode would be: a 5120x2880 RGBA wallpaper is 59 MB at full size.
            var (colour, alpha) = AlphaCompositor.Split(Reduced(AlphaCompositor.EightBit(loaded.Image), reduce));
            if (alpha is not null && IsOpaque(alpha, loaded.Header))
            {
                alpha.Dispose();
                alpha = null;
            }
            if (alpha is null) return loaded with { Image = colour, Scale = reduce };
            return loaded with
            {
                Image = AlphaCompositor.Composite(colour, alpha),
                Scale = reduce,
                Transparency = new Transparency(colour, alpha),
            };
        }
    }

    /// <summary>Every pixel opaque; or a BMP whose alpha is all zero, which viewers show opaque (32-bit BMPs without
    /// an alpha mask leave that byte zero).</summary>
    private static bool IsOpaque(Mat alpha, ImageHeader header)
    {
        Cv2.MinMaxLoc(alpha, out double min, out double max);
        return min == 255 || (header.Format == ImageFormat.Bmp && max == 0);
    }

    /// <summary><paramref name="image"/> reduced by <paramref name="reduce"/> (disposing it), or itself.</summary>
    private static Mat Reduced(Mat image, int reduce)
    {
        if (reduce <= 1) return image;
        using (image)
        {
            var size = new Size(image.Cols / reduce, image.Rows / reduce);
            return image.Resize(size, interpolation: InterpolationFlags.LinearExact);
        }
    }

    /// <summary>cv::imdecode; null when OpenCV cannot decode the bytes (imdecode's own silent failure).</summary>
    private static Mat? Decode(ReadOnlySpan<byte> bytes, ImreadModes mode)
    {
        TestPoison.Apply(bytes);
        var image = Cv2.ImDecode(bytes, mode);
        if (!image.Empty()) return image;
        image.Dispose();
        return null;
    }

    /// <summary>The reduce factor that keeps the image's long side at least <paramref name="minLongSide"/> pixels and
    /// its short side at least <see cref="MinReducedShortSide"/> (a 4x20000 strip reduced 8 times would have no
    /// width: OpenCV's reduced PNG decode then fails in resize).</summary>
    public static int ReduceFactorFor(ImageHeader header, int minLongSide)
    {
        var longSide = Math.Max(header.Width, header.Height);
        var shortSide = Math.Min(header.Width, header.Height);
        var factor = 1;
        while (factor < 8 && longSide / (factor * 2) >= minLongSide && shortSide / (factor * 2) >= MinReducedShortSide)
            factor *= 2;
        return factor;
    }

    private const int MinReducedShortSide = 16;

    private static ImreadModes ReducedMode(ImreadModes mode, int reduce) => (mode, reduce) switch
    {
        (ImreadModes.Color, 2) => ImreadModes.ReducedColor2,
        (ImreadModes.Color, 4) => ImreadModes.ReducedColor4,
        (ImreadModes.Color, 8) => ImreadModes.ReducedColor8,
        (ImreadModes.Grayscale, 2) => ImreadModes.ReducedGrayscale2,
        (ImreadModes.Grayscale, 4) => ImreadModes.ReducedGrayscale4,
        (ImreadModes.Grayscale, 8) => ImreadModes.ReducedGrayscale8,
        _ => mode,
    };
}

/// <summary>How to decode an image: the imread mode, a reduction of 1 (full size), 2, 4 or 8, and whether to keep the
/// file's orientation (IMREAD_IGNORE_ORIENTATION) rather than turn the image as its EXIF orientation says.</summary>
public readonly record struct DecodePlan(ImreadModes Mode, int Reduce = 1, bool StoredOrientation = false);

/// <summary>A decode's outcome: the pixels when there are any, and the verdict either way.</summary>
public sealed record LoadedImage(
        ImageHeader Header,
        Mat? Image,
        int Scale,
        bool IsCorrupt,
        bool IsUnsupported,
        string? Error)
    : IDisposable
{
    /// <summary>For an image with visible transparency (<see cref="ImageLoader.LoadAsViewed"/>): its colour and alpha,
    /// at the size of <see cref="Image"/> (which is then the composite). Null for an opaque image.</summary>
    public Transparency? Transparency { get; init; }

    public static LoadedImage Corrupt(ImageHeader header, string error) => new(header, null, 1, true, false, error);
    public static LoadedImage Unsupported(ImageHeader header, string error) => new(header, null, 1, false, true, error);

    public void Dispose()
    {
        Image?.Dispose();
        Transparency?.Dispose();
    }
}

/// <summary>The straight (not premultiplied) 8-bit BGR colour and the 8-bit alpha of an image with transparency.
/// </summary>
public sealed record Transparency(Mat Colour, Mat Alpha) : IDisposable
{
    public void Dispose()
    {
        Colour.Dispose();
        Alpha.Dispose();
    }
}
