using System.Runtime.InteropServices;

namespace ImgEda.OpenCv.Native;

/// <summary>P/Invoke of the shim's imgcodecs-module entry points.</summary>
internal static partial class ImgcodecsNative
{
    static ImgcodecsNative() => ShimNative.EnsureResolver();

    [LibraryImport(ShimNative.Library, EntryPoint = "imgcodecs_imread", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial Mat Imread(string path, int flags);

    [LibraryImport(ShimNative.Library, EntryPoint = "imgcodecs_imdecode")]
    internal static unsafe partial Mat Imdecode(byte* data, long length, int flags);

    [LibraryImport(ShimNative.Library, EntryPoint = "imgcodecs_imencode", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Imencode(string extension, Mat mat, int* parameters, int count, out IntPtr buffer, out long length);
}
