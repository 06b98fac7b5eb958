using System.Text;
using System.Text.RegularExpressions;

namespace ImgEda.Plot.Rendering;

/// <summary>Makes ScottPlot's SVG (Skia's SVG canvas) the same bytes in every run and fit to stand in a page: Skia
/// numbers clip paths from a counter per process (cl_4, cl_5, ... in the order charts happen to be drawn), so ids are
/// renumbered in document order under the chart's name; the per-glyph x/y lists lose the trailing comma Skia
/// leaves (ScottPlot issue #5246); and a viewBox lets the file scale.</summary>
public static partial class SvgNormalizer
{
    public static string Normalize(string svg, string name)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        svg = Reference().Replace(svg, m =>
        {
            var id = m.Groups["id"].Value;
            if (!ids.TryGetValue(id, out var renamed)) ids[id] = renamed = $"{name}-{ids.Count + 1}";
            return m.Groups["before"].Value + renamed;
        });
        svg = TrailingComma().Replace(svg, "\"");
        return Root().Replace(svg, m => $"{m.Value} viewBox=\"0 0 {m.Groups["w"].Value} {m.Groups["h"].Value}\"", 1);
    }

    /// <summary>An id where it is declared or referred to.</summary>
    [GeneratedRegex("""(?<before>\bid="|url\(#|href="#)(?<id>[^"')\s]+)""")]
    private static partial Regex Reference();

    [GeneratedRegex(""",\s*"(?=[\s/>])""")]
    private static partial Regex TrailingComma();

    [GeneratedRegex("""<svg [^>]*?width="(?<w>[\d.]+)" height="(?<h>[\d.]+)"(?=[\s/>])""")]
    private static partial Regex Root();
}
