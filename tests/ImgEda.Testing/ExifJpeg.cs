namespace ImgEda.Testing;

/// <summary>JPEG bytes with an EXIF orientation, as a camera held upright or upside down writes them.</summary>
public static class ExifJpeg
{
    /// <summary><paramref name="jpeg"/> with an APP1 segment right after its start marker: an EXIF IFD0 (little-endian
    /// TIFF header) holding only the orientation tag (0x0112, SHORT).</summary>
    public static byte[] WithOrientation(byte[] jpeg, int orientation)
    {
        if (jpeg is not [0xFF, 0xD8, ..]) throw new ArgumentException("not a JPEG", nameof(jpeg));
        byte[] segment =
        [
            0xFF, 0xE1, 0x00, 0x22, // APP1, 34 bytes with the length itself
            (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'I', (byte)'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, // TIFF header, IFD0 at offset 8
            0x01, 0x00, // one entry
            0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, (byte)orientation, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, // no next IFD
        ];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }
}
