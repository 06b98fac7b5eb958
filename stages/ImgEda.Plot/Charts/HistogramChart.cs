using ScottPlot;

namespace ImgEda.Plot.Charts;

// ScottPlot's Plot, not this project's namespace ImgEda.Plot.
using Plot = ScottPlot.Plot;

/// <summary>How many images fall in each bin of a value (on a linear or log axis), with thresholds and reference
/// values marked. The bins span round numbers that cover the data and every mark, or a fixed range.</summary>
public sealed class HistogramChart : Chart
{
    public string XLabel { get; }
    public AxisScale Scale { get; }
    public IReadOnlyList<Mark> Marks { get; }
    /// <summary>The axis range and its labelled ticks, in the value's units.</summary>
    public double Min { get; }
    public double Max { get; }
    public IReadOnlyList<double> Ticks { get; }
    /// <summary>Images per bin; bins are equally wide on the axis (in log10 units on a log axis).</summary>
    public IReadOnlyList<int> Counts { get; }
    /// <summary>Values beyond the axis range, counted in the end bins.</summary>
    public int Outside { get; }

    private readonly Func<double, string> _format;

    /// <param name="range">A fixed axis range (values outside it count in the end bins); by default, round numbers
    /// around the data and the marks.</param>
    /// <param name="clipOutliers">The range covers the middle 99% of the values (and the marks), not all of them: a
    /// few 25:1 banners would otherwise squash every photo into one bar. The rest count in the end bins, and the
    /// axis label says how many.</param>
    public HistogramChart(string name, string title, string xLabel, IEnumerable<double> values, int bins = 30,
        AxisScale scale = AxisScale.Linear, IReadOnlyList<Mark>? marks = null, Func<double, string>? format = null,
        (double Min, double Max)? range = null, bool clipOutliers = false) : base(name, title)
    {
        (Scale, _format) = (scale, format ?? NumberText.Of);
        var logX = scale != AxisScale.Linear;
        var finite = values.Where(v => double.IsFinite(v) && (!logX || v > 0)).ToList();
        var markValues = (marks ?? []).Select(m => m.Value).Where(v => !logX || v > 0).ToList();
        var covered = clipOutliers && finite.Count > 0 ? Quantiles(finite, 0.005, 0.995) : finite;
        var span = covered.Concat(markValues).DefaultIfEmpty(logX ? 1 : 0).ToList();
        double[] ticks;
        if (range is { } fixedRange)
            (Min, Max, ticks) =
                (fixedRange.Min, fixedRange.Max, NiceScale.Linear(fixedRange.Min, fixedRange.Max).Ticks);
        else
            (Min, Max, ticks) = scale switch
            {
                AxisScale.Log10 => NiceScale.Log10(span.Min(), span.Max()),
                AxisScale.Log2 => NiceScale.Log2(span.Min(), span.Max()),
                _ => NiceScale.Linear(span.Min(), span.Max()),
            };
        Ticks = [.. ticks.Where(t => t >= Min && t <= Max)];
        Marks = [.. (marks ?? []).Where(m => (!logX || m.Value > 0) && m.Value >= Min && m.Value <= Max)];
        var counts = new int[bins];
        var (lo, hi) = (Axis(Min), Axis(Max));
        foreach (var v in finite) counts[Math.Clamp((int)((Axis(v) - lo) / (hi - lo) * bins), 0, bins - 1)]++;
        Counts = counts;
        Outside = finite.Count(v => v < Min || v > Max);
        XLabel = Outside switch
        {
            0 => xLabel,
            1 => $"{xLabel}; 1 image beyond the axis is in an end bar",
            _ => $"{xLabel}; {Outside:N0} images beyond the axis are in the end bars",
        };
    }

    private static List<double> Quantiles(List<double> values, params double[] qs)
    {
        var sorted = values.Order().ToList();
        return [.. qs.Select(q => sorted[(int)Math.Round(q * (sorted.Count - 1))])];
    }

    /// <summary>Where a value sits on the axis: its log10 on a log axis (ScottPlot draws log axes that way).</summary>
    private double Axis(double value) => Scale == AxisScale.Linear ? value : Math.Log10(value);

    public override void Draw(Plot plot)
    {
        ChartStyle.Frame(plot, Title, XLabel, "images");
        var (lo, hi) = (Axis(Min), Axis(Max));
        var width = (hi - lo) / Counts.Count;
        var bars = plot.Add.Bars(Counts.Select((count, b) => new Bar
        {
            Position = lo + (b + 0.5) * width, Value = count, Size = width,
            FillColor = ChartStyle.Bar, LineColor = Colors.White, LineWidth = 1,
        }).Where(bar => bar.Value > 0).ToArray());
        bars.ValueLabelStyle.FontName = Rendering.ChartFont.Family;

        // Head room above the tallest bar for the marks' labels.
        var (_, top, yTicks) = NiceScale.Linear(0, Counts.Max() * (Marks.Count > 0 ? 1.2 : 1.05), integers: true);
        plot.Axes.SetLimits(lo, hi, 0, top);
        var ticks = ChartStyle.Ticks(Ticks, _format, Axis);
        if (Scale == AxisScale.Log10)
            for (var decade = Min; decade < Max; decade *= 10)
                foreach (var k in Enumerable.Range(2, 8).Where(k => !Ticks.Contains(k * decade)))
                    ticks.AddMinor(Axis(k * decade));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = ChartStyle.Ticks(yTicks, NumberText.Of);
        for (var i = 0; i < Marks.Count; i++) DrawMark(plot, Marks[i], i, lo, hi, top);
    }

    private void DrawMark(Plot plot, Mark mark, int index, double lo, double hi, double top)
    {
        var x = Axis(mark.Value);
        var color = mark.Side == MarkSide.None ? ChartStyle.Reference : ChartStyle.Threshold;
        if (mark.Side != MarkSide.None)
        {
            var shade = mark.Side == MarkSide.Below ? plot.Add.HorizontalSpan(lo, x) : plot.Add.HorizontalSpan(x, hi);
            shade.FillStyle.Color = color.WithAlpha(0.07);
            shade.LineStyle.Width = 0;
        }
        var line = plot.Add.VerticalLine(x, 1.5f, color, LinePattern.Dashed);
        line.ExcludeFromLegend = true;
        // Labels in three rows, so that marks close together (4:3 and 3:2) do not print over each other; a label
        // near the right edge reads leftwards from its line.
        var leftwards = x > lo + 0.75 * (hi - lo);
        var label = plot.Add.Text(mark.Label, x, top);
        ChartStyle.Text(label.LabelStyle, 12, color, bold: true);
        label.LabelStyle.BackgroundColor = Colors.White.WithAlpha(0.85);
        label.LabelStyle.Padding = 2;
        label.Alignment = leftwards ? Alignment.UpperRight : Alignment.UpperLeft;
        label.OffsetX = leftwards ? -3 : 3;
        label.OffsetY = 3 + 18 * (index % 3);
    }
}
