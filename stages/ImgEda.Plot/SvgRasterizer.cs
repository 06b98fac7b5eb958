using System.Text;
using ImgEda.Plot.Rendering;

namespace ImgEda.Plot;

/// <summary>SVG to PNG with librsvg and cairo (Debian: librsvg2-2, libcairo2), in this process, at twice the SVG's
/// size: what `rsvg-convert --zoom 2` writes, without a process per chart (which cost more than drawing it).</summary>
public static class SvgRasterizer
{
    public const double Zoom = 2;

    public static byte[] ToPng(string svg)
    {
        try
        {
            using var document = SvgDocument.Parse(Encoding.UTF8.GetBytes(svg));
            var (width, height) = document.Size;
            using var surface = CairoSurface.Create((int)Math.Ceiling(width * Zoom), (int)Math.Ceiling(height * Zoom));
            using (var context = CairoContext.On(surface))
            {
                context.Scale(Zoom);
                document.Render(context, width, height);
            }
            return surface.ToPng();
        }
        catch (DllNotFoundException e)
        {
            throw new ImgEda.Core.UsageException($"librsvg or cairo is not installed ({e.Message}): install librsvg2-2 (make deps does), or pass --no-png");
        }
    }
}
