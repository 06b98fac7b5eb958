using System.Buffers.Binary;

namespace ImgEda.Core.Imaging;

/// <summary>GIF: the logical screen size, and the frame count from walking the blocks to the trailer.</summary>
internal static class GifHeader
{
    public static ImageHeader Read(ReadOnlySpan<byte> b)
    {
        var width = BinaryPrimitives.ReadUInt16LittleEndian(b[6..]);
        var height = BinaryPrimitives.ReadUInt16LittleEndian(b[8..]);
        var pos = 13 + ColorTableSize(b[10]);
        var frames = 0;
        var truncated = true;
        while (pos < b.Length)
        {
            var block = b[pos];
            if (block == 0x3B) { truncated = false; break; }
            if (block == 0x2C)
            {
                frames++;
                if (pos + 10 > b.Length) break;
                pos += 10 + ColorTableSize(b[pos + 9]) + 1; // descriptor, local table, LZW minimum code size
            }
            else if (block == 0x21)
            {
                pos += 2;
            }
            else
            {
                return Make(false, $"unexpected block 0x{block:x2} at byte {pos}");
            }
            pos = SkipSubBlocks(b, pos);
        }
        return Make(truncated, null);

        ImageHeader Make(bool cut, string? fault) => new()
        {
            Format = ImageFormat.Gif,
            Width = width,
            Height = height,
            Frames = Math.Max(frames, 1),
            BitDepth = 8,
            Channels = 3,
            ColorMode = "palette",
            IsTruncated = cut,
            Fault = fault,
        };
    }

    private static int ColorTableSize(byte flags) => (flags & 0x80) != 0 ? 3 << ((flags & 7) + 1) : 0;

    private static int SkipSubBlocks(ReadOnlySpan<byte> b, int pos)
    {
        while (pos < b.Length)
        {
            var size = b[pos];
            pos += 1 + size;
            if (size == 0) break;
        }
        return pos;
    }
}
