using System.Globalization;
using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using ImgEda.Core.Records;
using ImgEda.Core.Running;
using OpenCvSharp;

namespace ImgEda.Analyze;

/// <summary>One JSON record per image: file and decode facts, EXIF, pixel statistics and quality verdicts.</summary>
public sealed class ImageAnalyzer(AnalyzeOptions options, ImageLoader loader) : IDatumProcessor
{
    public string Step => "analyze";
    public string OptionsKey => $"{options.Key};max_pixels={loader.MaxPixels}";

    public DatumResult Process(Datum datum, ReadOnlySpan<byte> bytes, string sha256)
    {
        var record = Analyze(datum, bytes, sha256);
        return new DatumResult([new DatumOutput(".json", RecordJson.Serialize(record))], record.Error);
    }

    public AnalyzeRecord Analyze(Datum datum, ReadOnlySpan<byte> bytes, string sha256)
    {
        // Positions (the sharpest region, border bands) are recorded in the stored pixels, whatever the EXIF
        // orientation: they are where a tool that reads the file finds them.
        using var loaded = loader.LoadAsViewed(bytes,
            header => ImageLoader.ReduceFactorFor(header, options.StatsMinLongSide), storedOrientation: true);
        var h = loaded.Header;
        var known = h.Width > 0 && h.Height > 0;
        var mtime = File.GetLastWriteTimeUtc(datum.FullPath)
            .ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var exifReadable = h is
        {
            Format: ImageFormat.Jpeg or ImageFormat.Tiff or ImageFormat.Png or ImageFormat.Webp,
            Fault: null,
            IsTruncated: false,
        };
        var record = new AnalyzeRecord
        {
            Path = datum.Path,
            Input = datum.Input,
            FileSizeBytes = bytes.Length,
            Mtime = mtime,
            Sha256 = sha256,
            Format = h.Format.Name(),
            ExtensionMismatch = h.Format != ImageFormat.Unknown && Path.GetExtension(datum.Path) is { Length: > 0 } ext
                                && !h.Format.Extensions().Contains(ext.ToLowerInvariant()),
            Width = known ? h.Width : null,
            Height = known ? h.Height : null,
            Channels = h.Channels > 0 ? h.Channels : null,
            BitDepth = h.BitDepth > 0 ? h.BitDepth : null,
            ColorMode = h.ColorMode,
            Frames = h.Format == ImageFormat.Unknown ? null : h.Frames,
            AspectRatio = known ? Math.Round((double)h.Width / h.Height, 4) : null,
            Megapixels = known ? Math.Round(h.Pixels / 1e6, 3) : null,
            Exif = exifReadable ? ExifReader.Read(bytes) : null,
            HasAlpha = h.HasAlpha,
            IsCorrupt = loaded.IsCorrupt,
            IsTruncated = h.IsTruncated,
            IsUnsupported = loaded.IsUnsupported,
            Error = loaded.Error,
            StepVersion = StepRunner.StepVersion,
        };
        return loaded.Image is null ? record : WithPixelFacts(record, loaded);
    }

    private AnalyzeRecord WithPixelFacts(AnalyzeRecord record, LoadedImage loaded)
    {
        var (picture, scale, transparency) = (loaded.Image!, loaded.Scale, loaded.Transparency);
        record = record with
        {
            DecodeScale = scale,
            TransparentFraction = transparency is null ? (record.HasAlpha ? 0 : null)
                : VisiblePixelStatistics.TransparentFraction(transparency),
        };
        using var gray = picture.CvtColor(ColorConversionCodes.BGR2GRAY);
        var stats = transparency is null ? VisiblePixelStatistics.Measure(picture, gray)
            : VisiblePixelStatistics.Measure(transparency);
        // Nothing shows: no exposure, blur or band to speak of.
        if (stats is null) return record with { IsBlank = true };

        var blur = BlurMeter.Measure(gray);
        var bands = OpaqueBands(BorderBandDetector.Measure(picture, gray), transparency, gray.Size());
        var widths = new BorderWidths
        {
            Top = Px(bands.Top, scale), Bottom = Px(bands.Bottom, scale),
            Left = Px(bands.Left, scale), Right = Px(bands.Right, scale),
        };
        var isBlurry = blur?.Sigma > options.BlurAbove;
        var side = options.BorderMinFraction;
        // A width is measured to about half a pixel of the analysed image.
        var banded = Math.Max(bands.Top, bands.Bottom) + 0.5 >= side * gray.Rows
                     || Math.Max(bands.Left, bands.Right) + 0.5 >= side * gray.Cols;
        return record with
        {
            PixelStats = stats,
            BlurScore = blur is { } b ? R(b.Sigma) : null,
            SharpestRegion = blur is { Region: var region } ? Stored(region, scale, record) : null,
            // Why a blurry image is blurry; in an image in focus, what the cepstrum reads is a regular pattern or
            // streaks (10 of the test half's 68 sharp photos), not motion.
            MotionBlur = isBlurry && blur?.Motion is { } motion ? new MotionBlurEstimate
            {
                // Whole degrees (the cepstrum resolves a few), as the image is shown.
                LengthPx = motion.Length * scale,
                Degrees = Math.Round(ExifOrientation.DisplayedDegrees(motion.Degrees, record.Exif?.Orientation)) % 180,
            } : null,
            BorderBands = widths,
            BorderColor = bands.Any ? BandColour(picture, bands) : null,
            IsDark = stats.MeanBrightness < options.DarkBelow,
            IsOverexposed = stats.MeanBrightness > options.OverexposedAbove,
            IsBlurry = isBlurry,
            HasBorderArtifact = bands.Any && banded,
        };
    }

    /// <summary>A region of the analysed image in stored pixels: scaled up by the reduced decode, and within the
    /// image (a reduced decode rounds an odd size up, so the last analysed pixel may stand for one stored pixel).
    /// </summary>
    private static ImageRegion Stored(Rect region, int scale, AnalyzeRecord record)
    {
        int x = region.X * scale, y = region.Y * scale;
        return new ImageRegion
        {
            X = x, Y = y,
            Width = Math.Min(region.Width * scale, (record.Width ?? int.MaxValue) - x),
            Height = Math.Min(region.Height * scale, (record.Height ?? int.MaxValue) - y),
        };
    }

    /// <summary>A transparent margin (a cut-out, an icon) is the absence of picture, not a band added to it.</summary>
    private static BorderBands OpaqueBands(BorderBands bands, Transparency? transparency, Size size)
    {
        if (transparency is null || !bands.Any) return bands;
        double Opaque(double width, Func<int, Rect> rect)
        {
            if (width < 1) return width;
            using var band = new Mat(transparency.Alpha, rect((int)width));
            return Cv2.Mean(band).Val0 >= 128 ? width : 0;
        }
        return new BorderBands(
            Opaque(bands.Top, w => new Rect(0, 0, size.Width, w)),
            Opaque(bands.Bottom, w => new Rect(0, size.Height - w, size.Width, w)),
            Opaque(bands.Left, w => new Rect(0, 0, w, size.Height)),
            Opaque(bands.Right, w => new Rect(size.Width - w, 0, w, size.Height)));
    }

    /// <summary>The mean colour of the bands' whole pixels, "#rrggbb".</summary>
    private static string BandColour(Mat bgr, BorderBands bands)
    {
        var (rows, cols) = (bgr.Rows, bgr.Cols);
        var rects = new[]
        {
            new Rect(0, 0, cols, (int)bands.Top), new Rect(0, rows - (int)bands.Bottom, cols, (int)bands.Bottom),
            new Rect(0, 0, (int)bands.Left, rows), new Rect(cols - (int)bands.Right, 0, (int)bands.Right, rows),
        }.Where(r => r.Width > 0 && r.Height > 0).ToList();
        if (rects.Count == 0) rects.Add(new Rect(0, 0, 1, 1));
        double b = 0, g = 0, r = 0, area = 0;
        foreach (var rect in rects)
        {
            using var band = new Mat(bgr, rect);
            var mean = Cv2.Mean(band);
            var a = (double)rect.Width * rect.Height;
            (b, g, r, area) = (b + mean.Val0 * a, g + mean.Val1 * a, r + mean.Val2 * a, area + a);
        }
        return $"#{Byte(r / area):x2}{Byte(g / area):x2}{Byte(b / area):x2}";
    }

    private static int Byte(double value) => (int)Math.Clamp(Math.Round(value), 0, 255);

    private static int Px(double width, int scale) => (int)Math.Round(width * scale);

    private static double R(double value) => Math.Round(value, 3);
}
