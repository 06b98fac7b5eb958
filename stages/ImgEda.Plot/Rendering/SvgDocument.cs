using System.Runtime.InteropServices;

namespace ImgEda.Plot.Rendering;

/// <summary>A parsed SVG (an RsvgHandle).</summary>
internal sealed class SvgDocument() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;

    public static SvgDocument Parse(ReadOnlySpan<byte> svg)
    {
        var document = RsvgNative.rsvg_handle_new_from_data(svg, (nuint)svg.Length, out var error);
        if (document.IsInvalid) throw RsvgNative.Error("librsvg cannot read the SVG", error);
        return document;
    }

    /// <summary>The width and height the SVG states, in pixels.</summary>
    public (double Width, double Height) Size =>
        RsvgNative.rsvg_handle_get_intrinsic_size_in_pixels(this, out var width, out var height)
            ? (width, height)
            : throw new SvgRenderException("the SVG states no width and height in absolute units");

    public void Render(CairoContext context, double width, double height)
    {
        if (!RsvgNative.rsvg_handle_render_document(this, context, new RsvgNative.Rectangle(width, height), out var error))
            throw RsvgNative.Error("librsvg cannot render the SVG", error);
    }

    protected override bool ReleaseHandle()
    {
        RsvgNative.g_object_unref(handle);
        return true;
    }
}
