using System.Runtime.InteropServices;
using OpenCvSharp;

namespace ImgEda.Core.Imaging;

/// <summary>Loads OpenCvSharp's native library and applies the process-wide OpenCV settings every step wants, once,
/// before the first image is decoded.</summary>
public static class OpenCvRuntime
{
    private const string ExternLibrary = "OpenCvSharpExtern";
    private const int MallocMmapThreshold = -3;
    private static readonly Lazy<string> Loaded = new(Load);
    private static int _threads = -1;

    /// <summary>OpenCV's version; loads the native library when it is not loaded yet.</summary>
    public static string Version => Loaded.Value;

    /// <summary>Makes sure the native library is loaded and configured.</summary>
    public static void EnsureLoaded() => _ = Loaded.Value;

    /// <summary>OpenCV's own thread count (-1 keeps its default), applied when the library loads, so a run that never
    /// needs pixels never pays for loading it. Steps that parallelise across images use 1: decode and encode are
    /// single-threaded anyway, and OpenCV's pool would only compete with the workers.</summary>
    public static void UseThreads(int threads)
    {
        _threads = threads;
        if (Loaded.IsValueCreated && threads >= 0) Cv2.SetNumThreads(threads);
    }

    private static string Load()
    {
        // OpenCvSharp declares DefaultDllImportSearchPaths(LegacyBehavior), so a Native AOT program (no deps.json)
        // would not look beside itself and the first call would throw DllNotFoundException.
        NativeLibrary.SetDllImportResolver(typeof(Cv2).Assembly, static (name, assembly, searchPath) =>
            name == ExternLibrary && NativeLibrary.TryLoad(BesideApp, out var handle) ? handle : IntPtr.Zero);
        // Never look for an OpenCL runtime: the steps work on Mat, and the search costs tens of ms per process.
        // OpenCV reads the variable natively and lazily; a value the user set wins.
        Libc.SetEnv("OPENCV_OPENCL_RUNTIME", "disabled", overwrite: 0);
        // A fixed threshold: glibc's default one rises after each large free, after which freed image buffers stay in
        // fragmented heaps and peak RSS grows with the number of images a worker has seen (measured with OpenCV 4.6:
        // 800 MB after 1,200 images, 340 MB with this). Buffers under 32 MB are still reused from the heap.
        Libc.Mallopt(MallocMmapThreshold, 32 << 20);
        Cv2.SetLogLevel(LogLevel.ERROR);
        if (_threads >= 0) Cv2.SetNumThreads(_threads);
        return Cv2.GetVersionString() ?? "unknown";
    }

    private static string BesideApp => Path.Combine(AppContext.BaseDirectory, $"lib{ExternLibrary}.so");
}
