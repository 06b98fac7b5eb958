using System.Buffers.Binary;
using System.IO.Compression;
using ImgEda.Core.Imaging;
using OpenCvSharp;

namespace ImgEda.Core.Tests.Imaging;

/// <summary>The edge-map PNG settings are honoured by the bundled OpenCV (an unknown parameter would be ignored
/// silently), and the pixels come back unchanged.</summary>
public class ImageEncoderTests
{
    [Fact]
    public void An_edge_map_png_has_every_row_unfiltered_and_decodes_to_the_same_pixels()
    {
        using var edges = new Mat(64, 96, MatType.CV_8UC1, Scalar.All(0));
        edges.Line(new Point(3, 5), new Point(90, 60), Scalar.All(255));
        edges.Circle(new Point(40, 30), 12, Scalar.All(255));

        var png = ImageEncoder.Png(edges, runLengthLevel1: true);

        var rows = Inflate(IdatBytes(png));
        const int rowBytes = 1 + 96; // the filter type byte, then one byte per pixel
        Assert.Equal(64 * rowBytes, rows.Length);
        for (var y = 0; y < 64; y++) Assert.Equal(0, rows[y * rowBytes]); // filter type 0: None
        using var decoded = Cv2.ImDecode(png, ImreadModes.Unchanged);
        Assert.Equal(0, Cv2.Norm(edges, decoded, NormTypes.INF));
    }

    [Fact]
    public void A_default_png_lets_libpng_choose_row_filters()
    {
        using var gradient = new Mat(64, 96, MatType.CV_8UC1);
        for (var y = 0; y < 64; y++)
            for (var x = 0; x < 96; x++) gradient.Set(y, x, (byte)(x + y));

        var rows = Inflate(IdatBytes(ImageEncoder.Png(gradient)));

        Assert.Contains(Enumerable.Range(0, 64), y => rows[y * 97] != 0);
    }

    private static byte[] IdatBytes(byte[] png)
    {
        using var idat = new MemoryStream();
        for (var pos = 8; pos + 8 <= png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            if (png.AsSpan(pos + 4, 4).SequenceEqual("IDAT"u8)) idat.Write(png, pos + 8, length);
            pos += 12 + length;
        }
        return idat.ToArray();
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var inflated = new MemoryStream();
        using (var stream = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress)) stream.CopyTo(inflated);
        return inflated.ToArray();
    }
}
