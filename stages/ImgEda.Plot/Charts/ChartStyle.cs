using ImgEda.Plot.Rendering;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace ImgEda.Plot.Charts;

// ScottPlot's Plot, not this project's namespace ImgEda.Plot.
using Plot = ScottPlot.Plot;

/// <summary>The look every chart shares: its size, colours, and the font named on every text it draws.</summary>
public static class ChartStyle
{
    /// <summary>The chart's size in CSS pixels (the SVG's); the PNG is drawn at <see cref="PngScale"/> times
    /// it.</summary>
    public const int Width = 640, Height = 400, PngScale = 2;

    public static readonly Color Bar = Color.FromHex("#4c78a8");
    public static readonly Color Threshold = Color.FromHex("#d62728");
    public static readonly Color Reference = Color.FromHex("#6b6b6b");
    public static readonly Color Ink = Color.FromHex("#222222");
    public static readonly Color SoftInk = Color.FromHex("#555555");
    public static readonly Color GridLine = Color.FromHex("#e4e4e4");

    /// <summary>A plot with the chart's title and axis labels, in the chart font, and light grid lines.</summary>
    public static void Frame(Plot plot, string title, string xLabel, string yLabel)
    {
        plot.Title(title);
        Text(plot.Axes.Title.Label, 17, Ink, bold: true);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        foreach (var axis in plot.Axes.GetAxes())
        {
            Text(axis.Label, 14, Ink);
            Text(axis.TickLabelStyle, 12, SoftInk);
            axis.MajorTickStyle.Color = SoftInk;
            axis.MinorTickStyle.Color = SoftInk;
            axis.FrameLineStyle.Color = SoftInk;
        }
        // Room right of the plot for the last tick label of the bottom axis, which is centred on the frame's edge.
        plot.Axes.Right.MinimumSize = 28;
        plot.Grid.MajorLineColor = GridLine;
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
    }

    /// <summary>Sets the chart font, size and colour of one text.</summary>
    public static void Text(LabelStyle label, float size, Color color, bool bold = false)
    {
        label.FontName = ChartFont.Family;
        label.FontSize = size;
        label.ForeColor = color;
        label.Bold = bold;
    }

    /// <summary>Ticks at the given values, labelled by <paramref name="label"/>, at the positions
    /// <paramref name="position"/> gives (log10 of the value on a log axis).</summary>
    public static NumericManual Ticks(IEnumerable<double> values, Func<double, string> label,
        Func<double, double>? position = null)
    {
        var ticks = new NumericManual();
        foreach (var v in values) ticks.AddMajor(position?.Invoke(v) ?? v, label(v));
        return ticks;
    }
}
