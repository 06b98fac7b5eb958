using System.Runtime.InteropServices;

namespace ImgEda.Plot.Rendering;

/// <summary>A cairo drawing context on a surface.</summary>
internal sealed class CairoContext() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;

    public static CairoContext On(CairoSurface surface)
    {
        var context = CairoNative.cairo_create(surface);
        CairoNative.Check(CairoNative.cairo_status(context), "cairo cannot draw on the surface");
        return context;
    }

    public void Scale(double factor) => CairoNative.cairo_scale(this, factor, factor);

    protected override bool ReleaseHandle()
    {
        CairoNative.cairo_destroy(handle);
        return true;
    }
}
