using System.Buffers.Binary;

namespace ImgEda.Core.Imaging;

/// <summary>BMP: BITMAPINFOHEADER size and bit count; the file must be as long as its header says.</summary>
internal static class BmpHeader
{
    public static ImageHeader Read(ReadOnlySpan<byte> b)
    {
        var declaredSize = BinaryPrimitives.ReadUInt32LittleEndian(b[2..]);
        var headerSize = BinaryPrimitives.ReadUInt32LittleEndian(b[14..]);
        int width, height, bits;
        if (headerSize == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(b[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(b[20..]);
            bits = BinaryPrimitives.ReadUInt16LittleEndian(b[24..]);
        }
        else
        {
            width = Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(b[18..]));
            height = Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(b[22..]));
            bits = BinaryPrimitives.ReadUInt16LittleEndian(b[28..]);
        }
        return new ImageHeader
        {
            Format = ImageFormat.Bmp, Width = width, Height = height,
            BitDepth = 8,
            Channels = bits == 32 ? 4 : 3,
            ColorMode = bits switch { <= 8 => "palette", 32 => "rgba", _ => "rgb" },
            IsTruncated = declaredSize > b.Length,
        };
    }
}
