using System.Xml.Linq;
using ImgEda.Plot.Charts;
using ImgEda.Plot.Rendering;
using SkiaSharp;

namespace ImgEda.Plot.Tests.Rendering;

/// <summary>Every chart of a made-up dataset of 2,000 images, drawn as plot draws it.</summary>
public class ChartRendererTests
{
    private static readonly Lazy<IReadOnlyList<Chart>> Charts = new(() =>
    {
        using var tmp = new TempDir();
        var pfs = MergedDataset.Pfs(tmp, 2_000);
        var duplicates = System.Text.Json.Nodes.JsonNode.Parse(
            File.ReadAllText(Path.Combine(pfs, "merge", "duplicates.json")))!.AsObject();
        return ChartSet.Build(MergedDataset.Entries(pfs), duplicates);
    });

    private static readonly Lazy<ChartRenderer> Renderer =
        new(() => new ChartRenderer(ChartFont.Load(ChartFont.DefaultDirectory)));

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> Names => [.. Charts.Value.Select(c => c.Name)];

    private static Chart Named(string name) => Charts.Value.Single(c => c.Name == name);

    [Theory]
    [MemberData(nameof(Names))]
    public void A_chart_comes_out_as_a_png_at_twice_the_svg_size_with_its_texts(string name)
    {
        var chart = Named(name);
        var rendered = Renderer.Value.Render(chart);
        using var png = SKBitmap.Decode(rendered.Png);
        Assert.Equal((1280, 800), (png.Width, png.Height));
        var svg = XElement.Parse(rendered.Svg);
        Assert.Equal(("640", "400"), ((string?)svg.Attribute("width"), (string?)svg.Attribute("height")));
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();
        Assert.Contains(chart.Title, texts);
        Assert.All(svg.Descendants(Svg + "text"),
            t => Assert.Equal("DejaVu Sans", (string?)t.Attribute("font-family")));
        Assert.True(texts.Count >= 8, $"{texts.Count} texts: {string.Join(" | ", texts)}");
    }

    /// <summary>What a reader sees: the title band of the PNG holds dark glyphs. ScottPlot with no usable font
    /// draws the same chart with none, and exits 0.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void The_png_shows_the_title_in_ink(string name)
    {
        using var png = SKBitmap.Decode(Renderer.Value.Render(Named(name)).Png);
        var ink = 0;
        for (var y = 10; y < 70; y++)
            for (var x = 200; x < 1080; x++)
                if (png.GetPixel(x, y) is var p && p.Red + p.Green + p.Blue < 200) ink++;
        Assert.True(ink > 1_000, $"{ink} dark pixels in the title band");
    }

    [Fact]
    public void Charts_drawn_side_by_side_come_out_as_drawn_one_after_another()
    {
        var one = Charts.Value.Select(Renderer.Value.Render).ToList();
        var side = new RenderedChart[Charts.Value.Count];
        Parallel.For(0, side.Length, i => side[i] = Renderer.Value.Render(Charts.Value[^(i + 1)]));
        Array.Reverse(side);
        for (var i = 0; i < one.Count; i++)
        {
            Assert.Equal(one[i].Png, side[i].Png);
            Assert.Equal(one[i].Svg, side[i].Svg);
        }
    }
}
