using ImgEda.OpenCv.Native;

namespace ImgEda.OpenCv;

/// <summary>cv::ColorConversionCodes used here.</summary>
public enum ColorConversion { BgrToBgra = 0, BgraToBgr = 1, BgrToGray = 6, GrayToBgr = 8, BgraToGray = 10 }

/// <summary>cv::InterpolationFlags.</summary>
public enum Interpolation { Nearest = 0, Linear = 1, Cubic = 2, Area = 3, Lanczos4 = 4 }

/// <summary>cv::MorphTypes used here. Gradient is dilation minus erosion: the local contrast.</summary>
public enum MorphOperation { Erode = 0, Dilate = 1, Gradient = 4 }

/// <summary>The imgproc module.</summary>
public static class ImgProc
{
    public static Mat Canny(Mat image, double threshold1, double threshold2, int apertureSize = 3, bool l2Gradient = false) =>
        Mat.Checked(ImgprocNative.Canny(image, threshold1, threshold2, apertureSize, l2Gradient ? 1 : 0), "Canny");

    public static Mat CvtColor(Mat image, ColorConversion code) => Mat.Checked(ImgprocNative.CvtColor(image, (int)code), "cvtColor");

    public static Mat Resize(Mat image, int width, int height, Interpolation interpolation) =>
        Mat.Checked(ImgprocNative.Resize(image, width, height, (int)interpolation), "resize");

    public static Mat GaussianBlur(Mat image, double sigma) => Mat.Checked(ImgprocNative.GaussianBlur(image, sigma), "GaussianBlur");

    public static Mat Laplacian(Mat image, MatDepth depth, int kernelSize = 1) =>
        Mat.Checked(ImgprocNative.Laplacian(image, (int)depth, kernelSize), "Laplacian");

    public static Mat Sobel(Mat image, MatDepth depth, int dx, int dy, int kernelSize = 3) =>
        Mat.Checked(ImgprocNative.Sobel(image, (int)depth, dx, dy, kernelSize), "Sobel");

    /// <summary>Erosion, dilation or morphological gradient with a square kernel of side <paramref name="kernelSize"/>.</summary>
    public static Mat Morphology(Mat image, MorphOperation operation, int kernelSize) =>
        Mat.Checked(ImgprocNative.Morphology(image, (int)operation, kernelSize), "morphologyEx");
}
