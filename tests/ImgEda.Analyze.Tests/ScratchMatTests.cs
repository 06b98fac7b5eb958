using OpenCvSharp;

namespace ImgEda.Analyze.Tests;

/// <summary>A scratch Mat saves fresh pages only if OpenCV writes into it in place, and it must not hold on to the
/// memory of a huge image.</summary>
public class ScratchMatTests
{
    [Fact]
    public void OpenCv_writes_into_a_scratch_mat_in_place_and_a_smaller_image_reuses_the_buffer()
    {
        var scratch = new ScratchMat();
        using var gray = new Mat(120, 160, MatType.CV_8UC1, Scalar.All(0));
        gray.Rectangle(new Rect(40, 30, 50, 40), Scalar.All(200), -1);
        using var gx = scratch.Get(gray.Rows, gray.Cols, MatType.CV_32FC1);
        var buffer = gx.Data;
        Cv2.Sobel(gray, gx, MatType.CV_32F, 1, 0);

        Assert.Equal(buffer, gx.Data);
        using var expected = gray.Sobel(MatType.CV_32F, 1, 0);
        Assert.Equal(0, Cv2.Norm(expected, gx, NormTypes.INF));
        using var smaller = scratch.Get(60, 80, MatType.CV_8UC1);
        Assert.Equal(buffer, smaller.Data);
    }

    [Fact]
    public void A_huge_image_gets_a_mat_of_its_own()
    {
        var scratch = new ScratchMat();
        using var small = scratch.Get(100, 100, MatType.CV_32FC1);
        using var huge = scratch.Get(5000, 5000, MatType.CV_32FC1);
        Assert.NotEqual(small.Data, huge.Data);
        using var again = scratch.Get(100, 100, MatType.CV_32FC1);
        Assert.Equal(small.Data, again.Data);
    }
}
