using System.Reflection;
using System.Runtime.InteropServices;

namespace ImgEda.OpenCv.Native;

/// <summary>Loading of the shim and its process-wide entry points (errors, logging, threads).</summary>
internal static partial class ShimNative
{
    internal const string Library = "imgeda_cv";

    static ShimNative()
    {
        // The shim ships beside the application (or the test assembly); look there first.
        NativeLibrary.SetDllImportResolver(typeof(ShimNative).Assembly, static (name, assembly, path) =>
        {
            if (name != Library) return IntPtr.Zero;
            return NativeLibrary.TryLoad(BesideApp, out var handle) ? handle : NativeLibrary.Load("libimgeda_cv.so", assembly, path);
        });
        if (Init(OpenCvSettings.Threads) != 0) throw new OpenCvException($"initialize OpenCV: {LastError()}");
    }

    private static string BesideApp => Path.Combine(AppContext.BaseDirectory, "libimgeda_cv.so");

    /// <summary>Forces the static constructor (the resolver) before the first P/Invoke of any module.</summary>
    internal static void EnsureResolver() { }

    [LibraryImport(Library, EntryPoint = "imgeda_last_error")]
    private static partial IntPtr LastErrorPtr();

    internal static string LastError() => Marshal.PtrToStringUTF8(LastErrorPtr()) ?? "";

    [LibraryImport(Library, EntryPoint = "imgeda_init")]
    internal static partial int Init(int numThreads);

    [LibraryImport(Library, EntryPoint = "imgeda_opencv_version")]
    private static partial IntPtr VersionPtr();

    internal static string Version() => Marshal.PtrToStringUTF8(VersionPtr()) ?? "";

    [LibraryImport(Library, EntryPoint = "imgeda_free")]
    internal static partial void Free(IntPtr p);
}
