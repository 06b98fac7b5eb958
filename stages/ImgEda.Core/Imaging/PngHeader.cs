using System.Buffers.Binary;

namespace ImgEda.Core.Imaging;

/// <summary>PNG chunks: IHDR gives the size and colour type; every chunk's CRC is checked; IEND must be
/// reached.</summary>
internal static class PngHeader
{
    public static ImageHeader Read(ReadOnlySpan<byte> b)
    {
        int width = 0, height = 0, depth = 0, colorType = -1, frames = 1;
        var hasTransparency = false;
        var pos = 8;
        while (true)
        {
            if (pos + 8 > b.Length) return Make(truncated: true, fault: null);
            var length = BinaryPrimitives.ReadUInt32BigEndian(b[pos..]);
            var type = ImageProbe.Ascii(b.Slice(pos + 4, 4));
            if (length > int.MaxValue || pos + 12 + (long)length > b.Length) return Make(truncated: true, fault: null);
            var data = b.Slice(pos + 8, (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(b[(pos + 8 + (int)length)..]);
            var typeAndData = b.Slice(pos + 4, 4 + (int)length);
            if (System.IO.Hashing.Crc32.HashToUInt32(typeAndData) != crc)
                return Make(truncated: false, fault: $"CRC mismatch in the {type} chunk");
            switch (type)
            {
                case "IHDR" when data.Length >= 13:
                    width = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data), int.MaxValue);
                    height = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data[4..]), int.MaxValue);
                    depth = data[8];
                    colorType = data[9];
                    break;
                case "tRNS":
                    hasTransparency = true;
                    break;
                case "acTL" when data.Length >= 4:
                    frames = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data), int.MaxValue);
                    break;
                case "IEND":
                    return Make(truncated: false, fault: null);
            }
            pos += 12 + (int)length;
        }

        ImageHeader Make(bool truncated, string? fault) => new()
        {
            Format = ImageFormat.Png,
            Width = width,
            Height = height,
            BitDepth = depth,
            Frames = frames,
            Channels = colorType switch { 0 => 1, 2 => 3, 3 => hasTransparency ? 4 : 3, 4 => 2, 6 => 4, _ => 0 },
            ColorMode = colorType switch
            {
                0 => "gray",
                2 => "rgb",
                3 => "palette",
                4 => "gray_alpha",
                6 => "rgba",
                _ => null,
            },
            IsTruncated = truncated,
            Fault = fault,
        };
    }
}
