using System.Buffers.Binary;

namespace ImgEda.Core.Imaging;

/// <summary>JPEG markers: the SOF segment gives size and components; the file must end with EOI after its
/// scans.</summary>
internal static class JpegHeader
{
    public static ImageHeader Read(ReadOnlySpan<byte> b)
    {
        int width = 0, height = 0, precision = 8, components = 0, pos = 2;
        var adobeTransform = -1;
        while (pos + 4 <= b.Length)
        {
            if (b[pos] != 0xFF)
                return Result(width, height, precision, components, adobeTransform,
                        truncated: false, fault: $"bad marker at byte {pos}");
            var marker = b[pos + 1];
            if (marker == 0xFF) { pos++; continue; }
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { pos += 2; continue; }
            var length = BinaryPrimitives.ReadUInt16BigEndian(b[(pos + 2)..]);
            var segment = b.Slice(pos + 4, Math.Max(0, Math.Min(length - 2, b.Length - pos - 4)));
            if (IsStartOfFrame(marker) && segment.Length >= 6)
            {
                precision = segment[0];
                height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                components = segment[5];
            }
            else if (marker == 0xEE && segment.Length >= 12 && segment.StartsWith("Adobe"u8))
            {
                adobeTransform = segment[11];
            }
            else if (marker == 0xDA)
            {
                // Entropy-coded data cannot contain FF D9 (FF is always stuffed or a marker), so the first
                // FF D9 after the first scan is the end of the image; without it the file was cut short.
                var scan = pos + 2 + length;
                var eoi = scan < b.Length ? b[scan..].IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) : -1;
                return Result(width, height, precision, components, adobeTransform, truncated: eoi < 0, fault: null);
            }
            else if (marker == 0xD9)
            {
                break;
            }
            pos += 2 + length;
        }
        return Result(width, height, precision, components, adobeTransform,
                truncated: true, fault: "no image data (the file ends before the first scan)");
    }

    private static bool IsStartOfFrame(byte m) => m is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    private static ImageHeader Result(
        int w, int h, int precision, int components, int adobe, bool truncated, string? fault)
    {
        return new ImageHeader
        {
            Format = ImageFormat.Jpeg,
            Width = w,
            Height = h,
            BitDepth = precision,
            Channels = components,
            ColorMode = components switch { 1 => "gray", 3 => "rgb", 4 => adobe == 2 ? "ycck" : "cmyk", _ => null },
            IsTruncated = truncated,
            Fault = fault,
        };
    }
}
