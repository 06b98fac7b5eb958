namespace ImgEda.Core.Imaging;

/// <summary>What the header probe learned without decoding pixels.</summary>
public sealed record ImageHeader
{
    public ImageFormat Format { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public int Frames { get; init; } = 1;
    public int BitDepth { get; init; }
    public int Channels { get; init; }
    /// <summary>gray, gray_alpha, rgb, rgba, palette, cmyk, ycck.</summary>
    public string? ColorMode { get; init; }
    public bool IsFloat { get; init; }
    /// <summary>The file ends before its format says it should (JPEG without EOI, PNG without IEND, ...).</summary>
    public bool IsTruncated { get; init; }
    /// <summary>A structural fault other than truncation (bad CRC, impossible sizes); null when none was
    /// seen.</summary>
    public string? Fault { get; init; }

    public long Pixels => (long)Width * Height;

    /// <summary>The file stores transparency: an alpha channel, or a palette with transparent entries (a PNG's tRNS
    /// chunk, a GIF's transparent colour). CMYK JPEGs also have four channels, so the colour mode decides, not the
    /// channel count.</summary>
    public bool HasAlpha => ColorMode is "rgba" or "gray_alpha" || (ColorMode == "palette" && Channels == 4);
}
