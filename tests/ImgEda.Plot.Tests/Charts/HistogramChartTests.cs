using ImgEda.Plot.Charts;

namespace ImgEda.Plot.Tests.Charts;

public class HistogramChartTests
{
    [Fact]
    public void Every_value_is_counted_once_and_the_range_covers_the_data_and_the_marks()
    {
        var values = Enumerable.Range(0, 100).Select(i => 50 + i * 1.5).ToList();
        var chart = new HistogramChart("brightness", "Brightness", "mean", values, bins: 10,
            marks: [new(40, "dark < 40", MarkSide.Below)]);
        Assert.Equal(100, chart.Counts.Sum());
        Assert.Equal(10, chart.Counts.Count);
        Assert.True(chart.Min <= 40 && chart.Max >= values.Max(), $"{chart.Min}..{chart.Max}");
        Assert.Equal(["dark < 40"], chart.Marks.Select(m => m.Label));
        Assert.Equal(0, chart.Outside);
    }

    [Fact]
    public void A_fixed_range_counts_values_beyond_it_in_the_end_bins_and_drops_marks_outside_it()
    {
        var chart = new HistogramChart("b", "B", "x", [-5, 0, 128, 255, 300], bins: 4, range: (0, 255),
            marks: [new(40, "in"), new(400, "out")]);
        Assert.Equal((0.0, 255.0), (chart.Min, chart.Max));
        Assert.Equal([2, 0, 1, 2], chart.Counts);
        Assert.Equal(["in"], chart.Marks.Select(m => m.Label));
        Assert.Equal(2, chart.Outside);
        Assert.Contains("2 images beyond the axis", chart.XLabel);
    }

    [Fact]
    public void Clipping_outliers_keeps_a_few_extreme_values_from_squashing_the_rest()
    {
        var ratios = Enumerable.Repeat(1.5, 990).Concat(Enumerable.Repeat(1.0, 9)).Append(40.0).ToList();
        var clipped = new HistogramChart("aspect_ratio", "Aspect", "w/h", ratios, scale: AxisScale.Log2,
            clipOutliers: true);
        var whole = new HistogramChart("aspect_ratio", "Aspect", "w/h", ratios, scale: AxisScale.Log2);
        Assert.Equal((1.0, 2.0), (clipped.Min, clipped.Max));
        Assert.Equal(64.0, whole.Max);
        Assert.Equal(1000, clipped.Counts.Sum());
        Assert.Equal(1, clipped.Counts[^1]); // the 40:1 image, in the last bar
        Assert.Equal(1, clipped.Outside);
    }

    [Fact]
    public void A_log_axis_ignores_values_that_have_no_logarithm_and_bins_by_decade_share()
    {
        var chart = new HistogramChart("file_size", "File size", "bytes", [0, -1, 1_000, 10_000, 100_000, 1_000_000],
            bins: 3, scale: AxisScale.Log10, format: NumberText.Bytes);
        Assert.Equal((1_000.0, 1_000_000.0), (chart.Min, chart.Max));
        Assert.Equal([1, 1, 2], chart.Counts);
        Assert.Equal(4, chart.Counts.Sum());
    }
}
