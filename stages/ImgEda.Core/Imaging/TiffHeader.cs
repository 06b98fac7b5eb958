using System.Buffers.Binary;

namespace ImgEda.Core.Imaging;

/// <summary>TIFF: the first IFD's size, samples and sample format; the frame count from the IFD chain; strips and IFDs
/// that lie past the end of the file mean it was cut short.</summary>
internal static class TiffHeader
{
    public static ImageHeader Read(ReadOnlySpan<byte> b)
    {
        var r = new Reader(b, b[0] == 'I');

        int width = 0, height = 0, bits = 8, samples = 1, photometric = -1, sampleFormat = 1, frames = 0;
        var truncated = false;
        var seen = new HashSet<uint>();
        var ifd = r.U32(4);
        while (ifd != 0 && frames < 100_000 && seen.Add(ifd))
        {
            if (ifd + 2 > b.Length) { truncated = true; break; }
            var count = (int)r.U16((int)ifd);
            if (ifd + 2 + count * 12 + 4 > b.Length) { truncated = true; break; }
            frames++;
            uint offsets = 0, offsetsType = 0, counts = 0, countsType = 0, pieces = 0;
            for (var i = 0; i < count; i++)
            {
                var e = (int)ifd + 2 + i * 12;
                var tag = r.U16(e);
                var type = r.U16(e + 2);
                var n = r.U32(e + 4);
                var value = type == 3 ? r.U16(e + 8) : r.U32(e + 8);
                // Strips or tiles: where each piece of this page starts, and how long it is.
                if (tag is 273 or 324) (offsets, offsetsType, pieces) = ((uint)e + 8, type, n);
                if (tag is 279 or 325) (counts, countsType) = ((uint)e + 8, type);
                if (frames > 1) continue;
                switch (tag)
                {
                    case 256: width = (int)Math.Min(value, int.MaxValue); break;
                    case 257: height = (int)Math.Min(value, int.MaxValue); break;
                    case 258: bits = (int)(n == 1 ? value : r.U16((int)r.U32(e + 8))); break;
                    case 262: photometric = (int)value; break;
                    case 277: samples = (int)value; break;
                    case 339: sampleFormat = (int)(n == 1 ? value : r.U16((int)r.U32(e + 8))); break;
                }
            }
            var dataEnd = pieces > 0 && counts > 0
                ? DataEnd(r, b.Length, offsets, offsetsType, counts, countsType, pieces) : 0;
            if (dataEnd > b.Length) truncated = true;
            ifd = r.U32((int)ifd + 2 + count * 12);
        }
        return new ImageHeader
        {
            Format = ImageFormat.Tiff,
            Width = width,
            Height = height,
            Frames = Math.Max(frames, 1),
            BitDepth = bits,
            Channels = samples,
            IsFloat = sampleFormat == 3,
            ColorMode = photometric switch
            {
                0 or 1 => samples >= 2 ? "gray_alpha" : "gray",
                2 or 6 => samples >= 4 ? "rgba" : "rgb",
                3 => "palette",
                5 => "cmyk",
                _ => null,
            },
            IsTruncated = truncated,
        };
    }

    /// <summary>The end of a page's image data: the largest strip (or tile) offset plus its byte count. An entry
    /// holding more than 4 bytes of values points at them; values past the end of the file count as past it.</summary>
    private static long DataEnd(Reader r, int length, uint offsetsEntry, uint offsetsType, uint countsEntry,
        uint countsType, uint pieces)
    {
        var offsetsAt = Values(r, offsetsEntry, offsetsType, pieces);
        var countsAt = Values(r, countsEntry, countsType, pieces);
        var offsetsSize = (long)pieces * (offsetsType == 3 ? 2 : 4);
        var countsSize = (long)pieces * (countsType == 3 ? 2 : 4);
        if (offsetsAt + offsetsSize > length || countsAt + countsSize > length) return long.MaxValue;
        long end = 0;
        for (var i = 0; i < pieces; i++)
        {
            var offset = Value(r, offsetsAt, offsetsType, i);
            end = Math.Max(end, offset + Value(r, countsAt, countsType, i));
        }
        return end;
    }

    /// <summary>Where an entry's values are: in the entry itself when they fit in 4 bytes, else at the offset it holds.
    /// </summary>
    private static long Values(Reader r, uint entryValue, uint type, uint n) =>
        n * (type == 3 ? 2 : 4) <= 4 ? entryValue : r.U32((int)entryValue);

    private static long Value(Reader r, long at, uint type, int i) =>
        type == 3 ? r.U16((int)(at + 2 * i)) : r.U32((int)(at + 4 * i));

    private readonly ref struct Reader(ReadOnlySpan<byte> bytes, bool little)
    {
        private readonly ReadOnlySpan<byte> _b = bytes;

        public uint U16(int at) =>
            little ? BinaryPrimitives.ReadUInt16LittleEndian(_b[at..]) : BinaryPrimitives.ReadUInt16BigEndian(_b[at..]);
        public uint U32(int at) =>
            little ? BinaryPrimitives.ReadUInt32LittleEndian(_b[at..]) : BinaryPrimitives.ReadUInt32BigEndian(_b[at..]);
    }
}
