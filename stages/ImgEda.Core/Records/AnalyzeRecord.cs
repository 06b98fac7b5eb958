namespace ImgEda.Core.Records;

/// <summary>analyze's record for one image (DESIGN.md §4). Null fields are facts that could not be learned.</summary>
public sealed record AnalyzeRecord
{
    public required string Path { get; init; }
    public required string Input { get; init; }
    public long FileSizeBytes { get; init; }
    public string? Mtime { get; init; }
    public required string Sha256 { get; init; }
    public string Format { get; init; } = "unknown";
    public bool ExtensionMismatch { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public int? Channels { get; init; }
    public int? BitDepth { get; init; }
    public string? ColorMode { get; init; }
    public int? Frames { get; init; }
    public double? AspectRatio { get; init; }
    public double? Megapixels { get; init; }
    /// <summary>The reduced-resolution decode used for the statistics (1 = full size, 2 = half, ...).</summary>
    public int? DecodeScale { get; init; }
    public ExifSummary? Exif { get; init; }
    /// <summary>The file stores transparency (an alpha channel, or a palette with transparent entries).</summary>
    public bool HasAlpha { get; init; }
    /// <summary>How transparent the image is: 1 − mean alpha (0 opaque, 1 fully transparent); null without alpha.
    /// </summary>
    public double? TransparentFraction { get; init; }
    /// <summary>Statistics of the visible pixels: weighted by alpha when the image has transparency.</summary>
    public PixelStats? PixelStats { get; init; }
    /// <summary>Estimated blur (Gaussian sigma) of the image's sharpest edges, in pixels of the analysis resolution
    /// (the decode at DecodeScale, whose long side stays at least 2048 px: blur as seen at that viewing size); higher
    /// is blurrier, ~0.8 for a sharp photo; null when the image has no edges to judge (flat or tiny images).</summary>
    public double? BlurScore { get; init; }
    /// <summary>The region (a tile of the analysis grid) whose edges gave <see cref="BlurScore"/>, in pixels of the
    /// image as stored; null when BlurScore is.</summary>
    public ImageRegion? SharpestRegion { get; init; }
    /// <summary>Linear motion blur (camera shake, a moving subject) read off the image's spectrum, whether or not it
    /// makes the image blurry; null when none shows or BlurScore is null.</summary>
    public MotionBlurEstimate? MotionBlur { get; init; }
    /// <summary>Widths of the uniform bands along each edge, in pixels of the image as stored (0: no band).</summary>
    public BorderWidths? BorderBands { get; init; }
    /// <summary>The bands' colour, "#rrggbb"; null when there is no band.</summary>
    public string? BorderColor { get; init; }
    public bool IsCorrupt { get; init; }
    public bool IsTruncated { get; init; }
    public bool IsUnsupported { get; init; }
    public bool IsDark { get; init; }
    public bool IsOverexposed { get; init; }
    /// <summary>Nothing is visible: every pixel is fully transparent.</summary>
    public bool IsBlank { get; init; }
    public bool IsBlurry { get; init; }
    public bool HasBorderArtifact { get; init; }
    public string? Error { get; init; }
    public required string StepVersion { get; init; }
}

public sealed record ExifSummary
{
    public string? CameraMake { get; init; }
    public string? CameraModel { get; init; }
    public string? LensModel { get; init; }
    public double? FocalLengthMm { get; init; }
    public int? Iso { get; init; }
    public double? FNumber { get; init; }
    public double? ExposureTimeS { get; init; }
    public string? DatetimeOriginal { get; init; }
    public int? Orientation { get; init; }
    public bool HasGps { get; init; }
}

public sealed record PixelStats
{
    public double MeanR { get; init; }
    public double MeanG { get; init; }
    public double MeanB { get; init; }
    public double StdR { get; init; }
    public double StdG { get; init; }
    public double StdB { get; init; }
    public double MeanBrightness { get; init; }
    public double Min { get; init; }
    public double Max { get; init; }
}

public sealed record ImageRegion
{
    public int X { get; init; }
    public int Y { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
}

public sealed record MotionBlurEstimate
{
    /// <summary>How far the picture moved during the exposure, in pixels of the image as stored.</summary>
    public int LengthPx { get; init; }
    /// <summary>The motion's direction: 0 horizontal, 90 vertical, clockwise from the x axis as the image is shown
    /// (y down), from 0 up to 180.</summary>
    public double Degrees { get; init; }
}

public sealed record BorderWidths
{
    public int Top { get; init; }
    public int Bottom { get; init; }
    public int Left { get; init; }
    public int Right { get; init; }
}
