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
            long stripEnd = 0;
            for (var i = 0; i < count; i++)
            {
                var e = (int)ifd + 2 + i * 12;
                var tag = r.U16(e);
                var type = r.U16(e + 2);
                var n = r.U32(e + 4);
                var value = type == 3 ? r.U16(e + 8) : r.U32(e + 8);
                if (frames > 1) continue;
                switch (tag)
                {
                    case 256: width = (int)Math.Min(value, int.MaxValue); break;
                    case 257: height = (int)Math.Min(value, int.MaxValue); break;
                    case 258: bits = (int)(n == 1 ? value : r.U16((int)r.U32(e + 8))); break;
                    case 262: photometric = (int)value; break;
                    case 277: samples = (int)value; break;
                    case 339: sampleFormat = (int)(n == 1 ? value : r.U16((int)r.U32(e + 8))); break;
                    case 273 when n == 1: stripEnd = Math.Max(stripEnd, value); break;
                }
                if (tag == 279 && n == 1) stripEnd += value;
            }
            if (stripEnd > b.Length) truncated = true;
            ifd = r.U32((int)ifd + 2 + count * 12);
        }
        return new ImageHeader
        {
            Format = ImageFormat.Tiff, Width = width, Height = height, Frames = Math.Max(frames, 1), BitDepth = bits, Channels = samples,
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

    private readonly ref struct Reader(ReadOnlySpan<byte> bytes, bool little)
    {
        private readonly ReadOnlySpan<byte> _b = bytes;

        public uint U16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(_b[at..]) : BinaryPrimitives.ReadUInt16BigEndian(_b[at..]);
        public uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(_b[at..]) : BinaryPrimitives.ReadUInt32BigEndian(_b[at..]);
    }
}
