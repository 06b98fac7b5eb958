using ImgEda.OpenCv;

namespace ImgEda.OpenCv.Tests;

public class ImgProcTests
{
    [Fact]
    public void Canny_on_16_bit_pixels_carries_OpenCVs_own_message()
    {
        using var mat = Mat.FromPixels<ushort>(8, 8, MatType.Make(MatDepth.U16, 1), new ushort[64]);
        var e = Assert.Throws<OpenCvException>(() => ImgProc.Canny(mat, 100, 200));
        Assert.Contains("Canny", e.Message);
        Assert.Contains("depth", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Canny_finds_the_edge_of_a_step()
    {
        var pixels = new byte[20 * 20];
        for (var y = 0; y < 20; y++) for (var x = 10; x < 20; x++) pixels[y * 20 + x] = 255;
        using var mat = Mat.FromPixels(20, 20, MatType.CV_8UC1, pixels);
        using var edges = ImgProc.Canny(mat, 100, 200);
        var e = edges.ToArray<byte>();
        Assert.All(Enumerable.Range(2, 16), y => Assert.Equal(255, Math.Max(e[y * 20 + 9], e[y * 20 + 10])));
        Assert.Equal(0, e[5 * 20 + 3]);
    }

    [Fact]
    public void Gray_conversion_uses_BT601_weights()
    {
        using var mat = Mat.FromPixels(1, 3, MatType.CV_8UC3, new byte[] { 255, 0, 0, 0, 255, 0, 0, 0, 255 }); // B, G, R
        using var gray = ImgProc.CvtColor(mat, ColorConversion.BgrToGray);
        Assert.Equal(new byte[] { 29, 150, 76 }, gray.ToArray<byte>());
    }

    [Fact]
    public void Area_resize_averages()
    {
        using var mat = Mat.FromPixels(2, 2, MatType.CV_8UC1, new byte[] { 0, 100, 200, 100 });
        using var small = ImgProc.Resize(mat, 1, 1, Interpolation.Area);
        Assert.Equal(new byte[] { 100 }, small.ToArray<byte>());
    }

    [Fact]
    public void Erode_and_dilate_take_the_local_minimum_and_maximum()
    {
        var pixels = new byte[25];
        pixels[12] = 200;
        using var mat = Mat.FromPixels(5, 5, MatType.CV_8UC1, pixels);
        using var dilated = ImgProc.Morphology(mat, MorphOperation.Dilate, 3);
        using var eroded = ImgProc.Morphology(dilated, MorphOperation.Erode, 3);
        Assert.Equal(9, dilated.ToArray<byte>().Count(p => p == 200));
        Assert.Equal(pixels, eroded.ToArray<byte>());
    }
}
