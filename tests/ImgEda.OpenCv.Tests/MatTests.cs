using ImgEda.OpenCv;

namespace ImgEda.OpenCv.Tests;

public class MatTests
{
    [Fact]
    public void Pixels_round_trip_through_a_native_mat()
    {
        var pixels = Enumerable.Range(0, 4 * 3 * 3).Select(i => (byte)(i * 7)).ToArray();
        using var mat = Mat.FromPixels(4, 3, MatType.CV_8UC3, pixels);
        Assert.Equal((4, 3, 3), (mat.Rows, mat.Cols, mat.Channels));
        Assert.Equal(MatDepth.U8, mat.Type.Depth);
        Assert.Equal(pixels, mat.ToArray<byte>());
    }

    [Fact]
    public void A_buffer_of_the_wrong_size_is_an_OpenCvException_not_a_crash()
    {
        var e = Assert.Throws<OpenCvException>(() => Mat.FromPixels(4, 4, MatType.CV_8UC1, new byte[3]));
        Assert.Contains("needs 16", e.Message);
    }

    [Fact]
    public void Disposed_mats_are_released_once()
    {
        var mat = Mat.FromPixels(2, 2, MatType.CV_8UC1, new byte[4]);
        mat.Dispose();
        mat.Dispose();
        Assert.True(mat.IsClosed);
    }
}
