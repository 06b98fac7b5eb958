using System.Runtime.InteropServices;

namespace ImgEda.Plot.Rendering;

/// <summary>The few cairo calls rendering to a PNG needs (Debian: libcairo2).</summary>
internal static unsafe partial class CairoNative
{
    private const string Cairo = "libcairo.so.2";
    public const int FormatArgb32 = 0, StatusSuccess = 0;

    [LibraryImport(Cairo)]
    public static partial CairoSurface cairo_image_surface_create(int format, int width, int height);

    [LibraryImport(Cairo)]
    public static partial void cairo_surface_destroy(nint surface);

    [LibraryImport(Cairo)]
    public static partial int cairo_surface_status(CairoSurface surface);

    [LibraryImport(Cairo)]
    public static partial void cairo_surface_flush(CairoSurface surface);

    [LibraryImport(Cairo)]
    public static partial int cairo_surface_write_to_png_stream(CairoSurface surface, delegate* unmanaged<nint, byte*, uint, int> write, nint closure);

    [LibraryImport(Cairo)]
    public static partial CairoContext cairo_create(CairoSurface target);

    [LibraryImport(Cairo)]
    public static partial void cairo_destroy(nint cr);

    [LibraryImport(Cairo)]
    public static partial int cairo_status(CairoContext cr);

    [LibraryImport(Cairo)]
    public static partial void cairo_scale(CairoContext cr, double sx, double sy);

    [LibraryImport(Cairo)]
    private static partial nint cairo_status_to_string(int status);

    public static void Check(int status, string what)
    {
        if (status != StatusSuccess) throw new SvgRenderException($"{what}: {Marshal.PtrToStringUTF8(cairo_status_to_string(status))}");
    }
}
