using System.Runtime.InteropServices;

namespace ImgEda.OpenCv.Native;

/// <summary>P/Invoke of the shim's core-module entry points (cv::Mat and core functions).</summary>
internal static partial class CoreNative
{
    static CoreNative() => ShimNative.EnsureResolver();

    [LibraryImport(ShimNative.Library, EntryPoint = "core_mat_release")]
    internal static partial void MatRelease(IntPtr mat);

    [LibraryImport(ShimNative.Library, EntryPoint = "core_mat_info")]
    internal static partial int MatInfo(Mat mat, out int rows, out int cols, out int type);

    [LibraryImport(ShimNative.Library, EntryPoint = "core_mat_from_pixels")]
    internal static unsafe partial Mat MatFromPixels(int rows, int cols, int type, byte* data, long length);

    [LibraryImport(ShimNative.Library, EntryPoint = "core_mat_copy_pixels")]
    internal static unsafe partial long MatCopyPixels(Mat mat, byte* destination, long length);

    [LibraryImport(ShimNative.Library, EntryPoint = "core_mean_std_dev")]
    internal static unsafe partial int MeanStdDev(Mat mat, double* mean4, double* std4);

    [LibraryImport(ShimNative.Library, EntryPoint = "core_min_max")]
    internal static partial int MinMax(Mat mat, out double min, out double max);

    [LibraryImport(ShimNative.Library, EntryPoint = "core_mean_of_rect")]
    internal static partial double MeanOfRect(Mat mat, int x, int y, int width, int height);

    [LibraryImport(ShimNative.Library, EntryPoint = "core_dct")]
    internal static partial Mat Dct(Mat mat);

    [LibraryImport(ShimNative.Library, EntryPoint = "core_magnitude")]
    internal static partial Mat Magnitude(Mat x, Mat y);

    [LibraryImport(ShimNative.Library, EntryPoint = "core_compare")]
    internal static partial Mat Compare(Mat a, Mat b, int cmp);

    [LibraryImport(ShimNative.Library, EntryPoint = "core_convert_to")]
    internal static partial Mat ConvertTo(Mat mat, int type, double alpha, double beta);
}
