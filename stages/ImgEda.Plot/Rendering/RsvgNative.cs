using System.Runtime.InteropServices;

namespace ImgEda.Plot.Rendering;

/// <summary>librsvg (Debian: librsvg2-2) and the two GLib calls its handles and errors need.</summary>
internal static partial class RsvgNative
{
    private const string Rsvg = "librsvg-2.so.2", GObject = "libgobject-2.0.so.0", GLib = "libglib-2.0.so.0";

    [StructLayout(LayoutKind.Sequential)]
    public struct Rectangle(double width, double height)
    {
        public double X = 0, Y = 0, Width = width, Height = height;
    }

    [LibraryImport(Rsvg)]
    public static partial SvgDocument rsvg_handle_new_from_data(ReadOnlySpan<byte> data, nuint length, out nint error);

    [LibraryImport(Rsvg)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool rsvg_handle_get_intrinsic_size_in_pixels(SvgDocument handle, out double width, out double height);

    [LibraryImport(Rsvg)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool rsvg_handle_render_document(SvgDocument handle, CairoContext cr, in Rectangle viewport, out nint error);

    [LibraryImport(GObject)]
    public static partial void g_object_unref(nint instance);

    [LibraryImport(GLib)]
    public static partial void g_error_free(nint error);

    /// <summary>The message of a GError (which is freed), as a <see cref="SvgRenderException"/>.</summary>
    public static SvgRenderException Error(string what, nint error)
    {
        if (error == 0) return new SvgRenderException($"{what} failed");
        // struct GError { GQuark domain; gint code; gchar *message; }
        var message = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(error, 8)) ?? "unknown error";
        g_error_free(error);
        return new SvgRenderException($"{what}: {message}");
    }
}
