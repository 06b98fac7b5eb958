using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ImgEda.Plot.Rendering;

/// <summary>A cairo image surface (32-bit ARGB, transparent until drawn on).</summary>
internal sealed unsafe class CairoSurface() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;

    public static CairoSurface Create(int width, int height)
    {
        var surface = CairoNative.cairo_image_surface_create(CairoNative.FormatArgb32, width, height);
        CairoNative.Check(CairoNative.cairo_surface_status(surface), $"cairo cannot make a {width}x{height} image");
        return surface;
    }

    public byte[] ToPng()
    {
        CairoNative.cairo_surface_flush(this);
        using var png = new MemoryStream();
        var closure = GCHandle.Alloc(png);
        try
        {
            CairoNative.Check(CairoNative.cairo_surface_write_to_png_stream(this, &Write, GCHandle.ToIntPtr(closure)), "cairo cannot write the PNG");
        }
        finally
        {
            closure.Free();
        }
        return png.ToArray();
    }

    [UnmanagedCallersOnly]
    private static int Write(nint closure, byte* data, uint length)
    {
        ((MemoryStream)GCHandle.FromIntPtr(closure).Target!).Write(new ReadOnlySpan<byte>(data, checked((int)length)));
        return CairoNative.StatusSuccess;
    }

    protected override bool ReleaseHandle()
    {
        CairoNative.cairo_surface_destroy(handle);
        return true;
    }
}
