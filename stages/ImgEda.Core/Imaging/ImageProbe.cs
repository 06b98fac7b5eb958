using System.Text;

namespace ImgEda.Core.Imaging;

/// <summary>Reads an image's header from its bytes: the real format, dimensions, frames and whether it is cut short.
/// Nothing here allocates in proportion to the pixel count, so a decompression bomb is refused before
/// decoding.</summary>
public static class ImageProbe
{
    public static ImageFormat Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return ImageFormat.Jpeg;
        ReadOnlySpan<byte> pngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (b.StartsWith(pngSignature)) return ImageFormat.Png;
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)) return ImageFormat.Gif;
        if (b.StartsWith("BM"u8) && b.Length >= 26) return ImageFormat.Bmp;
        if (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8)) return ImageFormat.Tiff;
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return ImageFormat.Webp;
        if (b.Length >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6' && char.IsWhiteSpace((char)b[2]))
            return ImageFormat.Pnm;
        ReadOnlySpan<byte> jp2Signature = [0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20];
        ReadOnlySpan<byte> j2kCodestream = [0xFF, 0x4F, 0xFF, 0x51];
        if (b.StartsWith(jp2Signature) || b.StartsWith(j2kCodestream)) return ImageFormat.Jpeg2000;
        if (b.StartsWith("#?RADIANCE"u8) || b.StartsWith("#?RGBE"u8)) return ImageFormat.Hdr;
        if (b.StartsWith((ReadOnlySpan<byte>)[0x76, 0x2F, 0x31, 0x01])) return ImageFormat.Exr;
        if (b.StartsWith((ReadOnlySpan<byte>)[0x59, 0xA6, 0x6A, 0x95])) return ImageFormat.SunRaster;
        return ImageFormat.Unknown;
    }

    public static ImageHeader Probe(ReadOnlySpan<byte> bytes)
    {
        var format = Sniff(bytes);
        try
        {
            return format switch
            {
                ImageFormat.Jpeg => JpegHeader.Read(bytes),
                ImageFormat.Png => PngHeader.Read(bytes),
                ImageFormat.Gif => GifHeader.Read(bytes),
                ImageFormat.Bmp => BmpHeader.Read(bytes),
                ImageFormat.Tiff => TiffHeader.Read(bytes),
                ImageFormat.Webp => WebpHeader.Read(bytes),
                ImageFormat.Pnm => PnmHeader.Read(bytes),
                _ => new ImageHeader { Format = format },
            };
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            // A header that points past the end of the file: the file was cut inside its header.
            return new ImageHeader { Format = format, IsTruncated = true, Fault = "the header ends early" };
        }
    }

    internal static string Ascii(ReadOnlySpan<byte> b) => Encoding.ASCII.GetString(b);
}
