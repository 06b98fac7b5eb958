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
        using var loaded = loader.Load(bytes, ImreadModes.Color, header => ImageLoader.ReduceFactorFor(header, options.StatsMinLongSide));
        var h = loaded.Header;
        var known = h.Width > 0 && h.Height > 0;
        var record = new AnalyzeRecord
        {
            Path = datum.Path,
            Input = datum.Input,
            FileSizeBytes = bytes.Length,
            Mtime = File.GetLastWriteTimeUtc(datum.FullPath).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
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
            Exif = h is { Format: ImageFormat.Jpeg or ImageFormat.Tiff or ImageFormat.Png or ImageFormat.Webp, Fault: null, IsTruncated: false }
                ? ExifReader.Read(bytes) : null,
            IsCorrupt = loaded.IsCorrupt,
            IsTruncated = h.IsTruncated,
            IsUnsupported = loaded.IsUnsupported,
            Error = loaded.Error,
            StepVersion = StepRunner.StepVersion,
        };
        return loaded.Image is null ? record : WithPixelFacts(record, loaded.Image, loaded.Scale);
    }

    private AnalyzeRecord WithPixelFacts(AnalyzeRecord record, Mat bgr, int scale)
    {
        Cv2.MeanStdDev(bgr, out var mean, out var std);
        using var samples = bgr.Reshape(1);
        Cv2.MinMaxLoc(samples, out double min, out double max);
        using var gray = bgr.CvtColor(ColorConversionCodes.BGR2GRAY);
        Cv2.MeanStdDev(gray, out var grayMean, out _);
        var brightness = grayMean.Val0;
        var corners = CornerStatistics.Measure(gray, options.CornerFraction);
        var blur = BlurMeter.EdgeSigma(gray);
        return record with
        {
            DecodeScale = scale,
            PixelStats = new PixelStats
            {
                MeanR = R(mean[2]), MeanG = R(mean[1]), MeanB = R(mean[0]),
                StdR = R(std[2]), StdG = R(std[1]), StdB = R(std[0]),
                MeanBrightness = R(brightness), Min = min, Max = max,
            },
            BlurScore = blur is { } b ? R(b) : null,
            CornerStats = corners,
            IsDark = brightness < options.DarkBelow,
            IsOverexposed = brightness > options.OverexposedAbove,
            IsBlurry = blur > options.BlurAbove,
            HasBorderArtifact = corners.Delta > options.BorderDeltaAbove,
        };
    }

    private static double R(double value) => Math.Round(value, 3);
}
