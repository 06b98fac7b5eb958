using ImgEda.Plot.Rendering;

namespace ImgEda.Plot.Tests.Rendering;

public class SvgNormalizerTests
{
    private const string Skia = """
        <svg xmlns="http://www.w3.org/2000/svg" width="640" height="400">
        <clipPath id="cl_17"><rect/></clipPath><g clip-path="url(#cl_17)"><rect/></g>
        <clipPath id="cl_9"><rect/></clipPath><g clip-path="url(#cl_9)"><use href="#cl_17"/></g>
        <text x="-3.8, 4.1, " y="8.4, ">10</text>
        </svg>
        """;

    [Fact]
    public void Ids_are_numbered_in_document_order_under_the_chart_name_and_references_follow()
    {
        var svg = SvgNormalizer.Normalize(Skia, "blur");
        Assert.Contains("<clipPath id=\"blur-1\">", svg);
        Assert.Contains("clip-path=\"url(#blur-1)\"", svg);
        Assert.Contains("<clipPath id=\"blur-2\">", svg);
        Assert.Contains("clip-path=\"url(#blur-2)\"", svg);
        Assert.Contains("href=\"#blur-1\"", svg);
        Assert.DoesNotContain("cl_", svg);
    }

    [Fact]
    public void The_same_drawing_under_other_counter_values_gives_the_same_bytes()
    {
        var other = Skia.Replace("cl_17", "cl_3").Replace("cl_9", "cl_4");
        Assert.Equal(SvgNormalizer.Normalize(Skia, "blur"), SvgNormalizer.Normalize(other, "blur"));
    }

    [Fact]
    public void Glyph_position_lists_lose_their_trailing_comma_and_the_svg_gets_a_view_box()
    {
        var svg = SvgNormalizer.Normalize(Skia, "blur");
        Assert.Contains("<text x=\"-3.8, 4.1\" y=\"8.4\">", svg);
        Assert.Contains("width=\"640\" height=\"400\" viewBox=\"0 0 640 400\"", svg);
    }
}
