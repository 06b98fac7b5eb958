using ScottPlot;

namespace ImgEda.Plot.Charts;

// ScottPlot's Plot, not this project's namespace ImgEda.Plot.
using Plot = ScottPlot.Plot;

/// <summary>One chart of the report: its data, prepared, and how to draw it on a ScottPlot plot. The same chart is
/// drawn twice, to SVG and to PNG, so drawing reads its data and changes nothing.</summary>
public abstract class Chart(string name, string title)
{
    /// <summary>The file name in plots/ (without extension) and the chart's id in the report.</summary>
    public string Name { get; } = name;
    public string Title { get; } = title;

    /// <summary>Puts the chart on an empty plot: data, axes with their limits and ticks, labels.</summary>
    public abstract void Draw(Plot plot);
}
