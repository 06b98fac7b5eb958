using ScottPlot;

namespace ImgEda.Plot.Charts;

// ScottPlot's Plot, not this project's namespace ImgEda.Plot.
using Plot = ScottPlot.Plot;

/// <summary>Categories as horizontal bars, the first on top, each labelled with its name and its value.</summary>
public sealed class BarChart(string name, string title, string valueLabel, IReadOnlyList<BarChart.Item> items)
    : Chart(name, title)
{
    /// <summary>Longer category names are cut (the full name is in the manifest): the bars keep their room.</summary>
    public const int MaxLabelLength = 30;

    private const int MinSlots = 5;

    /// <param name="ValueText">What the bar's end says; by default the value.</param>
    public sealed record Item(string Label, double Value, string? ValueText = null);

    public string ValueLabel { get; } = valueLabel;
    public IReadOnlyList<Item> Items { get; } = items;

    public override void Draw(Plot plot)
    {
        ChartStyle.Frame(plot, Title, ValueLabel, "");
        var n = Items.Count;
        var bars = plot.Add.Bars(Items.Select((item, i) => new Bar
        {
            Position = n - 1 - i, Value = item.Value, Size = 0.7, FillColor = ChartStyle.Bar, LineWidth = 0,
            Label = item.ValueText ?? NumberText.Of(item.Value),
        }).ToArray());
        bars.Horizontal = true;
        ChartStyle.Text(bars.ValueLabelStyle, 12, ChartStyle.Ink);

        // Room right of the longest bar for its value label.
        var longest = Items.Max(item => (item.ValueText ?? NumberText.Of(item.Value)).Length);
        var (_, max, ticks) = NiceScale.Linear(0, Math.Max(1, Items.Max(item => item.Value)), integers: true);
        var right = Math.Max(max, Items.Max(item => item.Value) * (1.06 + 0.018 * longest));
        // With few bars, room for five: a bar keeps about the same thickness in every chart.
        var pad = Math.Max(0, MinSlots - n) / 2.0;
        plot.Axes.SetLimits(0, right, -0.6 - pad, n - 0.4 + pad);
        plot.Axes.Bottom.TickGenerator = ChartStyle.Ticks(ticks, NumberText.Of);
        plot.Axes.Left.TickGenerator = ChartStyle.Ticks(Enumerable.Range(0, n).Select(i => (double)i),
            position => Cut(Items[n - 1 - (int)position].Label));
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.Grid.YAxisStyle.IsVisible = false;
    }

    private static string Cut(string label) =>
        label.Length <= MaxLabelLength ? label : label[..(MaxLabelLength - 1)] + "…";
}
