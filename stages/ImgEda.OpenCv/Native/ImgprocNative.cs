using System.Runtime.InteropServices;

namespace ImgEda.OpenCv.Native;

/// <summary>P/Invoke of the shim's imgproc-module entry points.</summary>
internal static partial class ImgprocNative
{
    static ImgprocNative() => ShimNative.EnsureResolver();

    [LibraryImport(ShimNative.Library, EntryPoint = "imgproc_canny")]
    internal static partial Mat Canny(Mat mat, double threshold1, double threshold2, int aperture, int l2Gradient);

    [LibraryImport(ShimNative.Library, EntryPoint = "imgproc_cvt_color")]
    internal static partial Mat CvtColor(Mat mat, int code);

    [LibraryImport(ShimNative.Library, EntryPoint = "imgproc_resize")]
    internal static partial Mat Resize(Mat mat, int width, int height, int interpolation);

    [LibraryImport(ShimNative.Library, EntryPoint = "imgproc_gaussian_blur")]
    internal static partial Mat GaussianBlur(Mat mat, double sigma);

    [LibraryImport(ShimNative.Library, EntryPoint = "imgproc_laplacian")]
    internal static partial Mat Laplacian(Mat mat, int ddepth, int ksize);

    [LibraryImport(ShimNative.Library, EntryPoint = "imgproc_sobel")]
    internal static partial Mat Sobel(Mat mat, int ddepth, int dx, int dy, int ksize);

    [LibraryImport(ShimNative.Library, EntryPoint = "imgproc_morphology")]
    internal static partial Mat Morphology(Mat mat, int op, int ksize);
}
