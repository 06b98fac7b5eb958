using System.Buffers.Binary;
using System.Diagnostics;
using ImgEda.Plot.Charts;
using ImgEda.Plot.Rendering;

namespace ImgEda.Plot.Tests;

public class SvgRasterizerTests
{
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>rsvg-convert, the reference: what plot wrote when it ran librsvg as a process per chart.</summary>
    private static byte[] RsvgConvert(string svg)
    {
        var info = new ProcessStartInfo("rsvg-convert") { RedirectStandardInput = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--zoom", "2", "--format", "png" }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var png = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(png);
        process.StandardInput.Write(svg);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return png.ToArray();
    }

    [Fact]
    public void A_chart_comes_out_as_rsvg_convert_draws_it_at_twice_its_size()
    {
        var svg = SvgChart.Histogram("Brightness", "mean brightness (0-255) · é", [.. Enumerable.Range(0, 500).Select(i => (double)(i % 256))], bins: 32,
            marks: [new(40, "dark < 40")]);
        var png = SvgRasterizer.ToPng(svg);
        Assert.Equal((1280, 800), PngSize(png));
        Assert.Equal(RsvgConvert(svg), png);
    }

    [Fact]
    public void Charts_render_side_by_side()
    {
        var svgs = Enumerable.Range(1, 8).Select(n => SvgChart.Bars($"Chart {n}", "images", [.. Enumerable.Range(0, n).Select(i => ($"c{i}", (double)i + 1))])).ToList();
        var pngs = new byte[svgs.Count][];
        Parallel.For(0, svgs.Count, i => pngs[i] = SvgRasterizer.ToPng(svgs[i]));
        Assert.All(pngs, png => Assert.Equal((1280, 800), PngSize(png)));
        Assert.Equal(svgs.Count, pngs.Select(Convert.ToBase64String).Distinct().Count());
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect", "cannot read")]
    [InlineData("not svg at all", "cannot read")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50%\" height=\"50%\"/>", "no width and height")]
    public void What_librsvg_refuses_is_an_error_with_its_reason(string svg, string expected)
    {
        var error = Assert.Throws<SvgRenderException>(() => SvgRasterizer.ToPng(svg));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_small_svg_keeps_its_proportions()
    {
        var png = SvgRasterizer.ToPng("""<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"><rect width="30" height="10" fill="red"/></svg>""");
        Assert.Equal((60, 20), PngSize(png));
    }
}
