using System.Buffers.Binary;

namespace ImgEda.Core.Imaging;

/// <summary>GIF: the logical screen size, the frame count from walking the blocks to the trailer, and whether a frame
/// has a transparent colour (a graphic control extension's flag): then the image has transparency, as a palette PNG
/// with tRNS has.</summary>
internal static class GifHeader
{
    public static ImageHeader Read(ReadOnlySpan<byte> b)
    {
        var width = BinaryPrimitives.ReadUInt16LittleEndian(b[6..]);
        var height = BinaryPrimitives.ReadUInt16LittleEndian(b[8..]);
        var pos = 13 + ColorTableSize(b[10]);
        var frames = 0;
        var truncated = true;
        var transparent = false;
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
                // A graphic control extension: label 0xF9, 4 bytes, bit 0 of the first the transparency flag.
                if (pos + 3 < b.Length && b[pos + 1] == 0xF9 && b[pos + 2] == 4) transparent |= (b[pos + 3] & 1) != 0;
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
            Channels = transparent ? 4 : 3,
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
