using ImgEda.Plot.Charts;
using ScottPlot;

namespace ImgEda.Plot.Rendering;

// ScottPlot's Plot, not this project's namespace ImgEda.Plot.
using Plot = ScottPlot.Plot;

/// <summary>Draws charts with ScottPlot (SkiaSharp) in the chart font: SVG at the chart's size, PNG at twice it.
/// A chart that comes out with no text (a font that draws nothing) is an error, not a picture without labels.</summary>
public sealed class ChartRenderer
{
    public ChartRenderer(ChartFont font) => font.Register();

    public RenderedChart Render(Chart chart)
    {
        // A fresh plot for each output: drawing one leaves layout state on the plot.
        var svg = SvgNormalizer.Normalize(Draw(chart, 1, p => p.GetSvgXml(ChartStyle.Width, ChartStyle.Height)), chart.Name);
        if (!svg.Contains("<text", StringComparison.Ordinal))
            throw new InvalidOperationException($"the chart '{chart.Title}' was drawn without any text: " +
                $"the font {ChartFont.Family} draws no glyphs");
        var png = Draw(chart, ChartStyle.PngScale,
            p => p.GetImageBytes(ChartStyle.Width * ChartStyle.PngScale, ChartStyle.Height * ChartStyle.PngScale, ImageFormat.Png));
        return new RenderedChart(chart.Name, chart.Title, png, svg);
    }

    private static T Draw<T>(Chart chart, double scale, Func<Plot, T> output)
    {
        using var plot = new Plot { ScaleFactor = scale };
        chart.Draw(plot);
        return output(plot);
    }
}
