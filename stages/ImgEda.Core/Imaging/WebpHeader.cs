using System.Buffers.Binary;

namespace ImgEda.Core.Imaging;

/// <summary>WebP: size from the VP8 / VP8L / VP8X chunk; the RIFF length must fit in the file.</summary>
internal static class WebpHeader
{
    public static ImageHeader Read(ReadOnlySpan<byte> b)
    {
        var riffEnd = 8L + BinaryPrimitives.ReadUInt32LittleEndian(b[4..]);
        var chunk = ImageProbe.Ascii(b.Slice(12, 4));
        int width = 0, height = 0, frames = 1;
        var alpha = false;
        switch (chunk)
        {
            case "VP8 ":
                width = BinaryPrimitives.ReadUInt16LittleEndian(b[26..]) & 0x3FFF;
                height = BinaryPrimitives.ReadUInt16LittleEndian(b[28..]) & 0x3FFF;
                break;
            case "VP8L":
                var bits = BinaryPrimitives.ReadUInt32LittleEndian(b[21..]);
                width = (int)(bits & 0x3FFF) + 1;
                height = (int)((bits >> 14) & 0x3FFF) + 1;
                alpha = ((bits >> 28) & 1) != 0;
                break;
            case "VP8X":
                alpha = (b[20] & 0x10) != 0;
                frames = (b[20] & 0x02) != 0 ? 0 : 1;
                width = 1 + (b[24] | b[25] << 8 | b[26] << 16);
                height = 1 + (b[27] | b[28] << 8 | b[29] << 16);
                break;
        }
        return new ImageHeader
        {
            Format = ImageFormat.Webp, Width = width, Height = height, Frames = Math.Max(frames, 1), BitDepth = 8,
            Channels = alpha ? 4 : 3, ColorMode = alpha ? "rgba" : "rgb", IsTruncated = riffEnd > b.Length,
        };
    }
}
