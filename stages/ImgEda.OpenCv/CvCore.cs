using ImgEda.OpenCv.Native;

namespace ImgEda.OpenCv;

/// <summary>cv::CmpTypes.</summary>
public enum CompareOperation { Equal = 0, Greater = 1, GreaterOrEqual = 2, Less = 3, LessOrEqual = 4, NotEqual = 5 }

/// <summary>The core module: statistics, DCT, conversions, and process-wide set-up.</summary>
public static class CvCore
{
    public static string Version => ShimNative.Version();

    /// <summary>Per-channel mean and standard deviation (cv::meanStdDev), one entry per channel.</summary>
    public static unsafe (double[] Mean, double[] StdDev) MeanStdDev(Mat mat)
    {
        double* mean = stackalloc double[4];
        double* std = stackalloc double[4];
        if (CoreNative.MeanStdDev(mat, mean, std) != 0) throw OpenCvException.FromLastError("meanStdDev");
        var channels = mat.Channels;
        return (new ReadOnlySpan<double>(mean, channels).ToArray(), new ReadOnlySpan<double>(std, channels).ToArray());
    }

    /// <summary>Smallest and largest value over all channels.</summary>
    public static (double Min, double Max) MinMax(Mat mat)
    {
        if (CoreNative.MinMax(mat, out var min, out var max) != 0) throw OpenCvException.FromLastError("minMaxLoc");
        return (min, max);
    }

    /// <summary>Mean over a rectangle, averaged over channels.</summary>
    public static double MeanOfRect(Mat mat, int x, int y, int width, int height)
    {
        var value = CoreNative.MeanOfRect(mat, x, y, width, height);
        if (value < 0) throw OpenCvException.FromLastError("mean of rect");
        return value;
    }

    /// <summary>The 2-D orthonormal DCT-II (cv::dct) of a single-channel image, as CV_64F.</summary>
    public static Mat Dct(Mat mat) => Mat.Checked(CoreNative.Dct(mat), "dct");

    public static Mat Magnitude(Mat x, Mat y) => Mat.Checked(CoreNative.Magnitude(x, y), "magnitude");

    /// <summary>Element-wise comparison (cv::compare): 255 where it holds, else 0.</summary>
    public static Mat Compare(Mat a, Mat b, CompareOperation operation) => Mat.Checked(CoreNative.Compare(a, b, (int)operation), "compare");

    public static Mat ConvertTo(Mat mat, MatType type, double alpha = 1, double beta = 0) =>
        Mat.Checked(CoreNative.ConvertTo(mat, type.Value, alpha, beta), "convertTo");
}
