namespace ImgEda.Annotations.Tests;

public class DistributionTests
{
    [Fact]
    public void Percentiles_by_nearest_rank_and_bins_closed_below()
    {
        var values = Enumerable.Range(1, 20).Select(i => i / 20.0).ToList(); // 0.05 .. 1.0
        var d = Distribution.Of(values, Distribution.Relative);
        Assert.Equal((20, 0.05, 1.0, 0.525), (d.Count, d.Min!.Value, d.Max!.Value, d.Mean!.Value));
        Assert.Equal((0.05, 0.5, 0.95), (d.P05!.Value, d.Median!.Value, d.P95!.Value));
        // 0.1 opens the second bin; 1.0 closes the last one.
        Assert.Equal([1, 2, 2, 2, 2, 2, 2, 2, 2, 3], d.Histogram.Select(b => b.Count));
    }

    [Fact]
    public void No_values_give_nulls_and_empty_bins_and_an_open_last_bin_has_no_upper_end()
    {
        var d = Distribution.Of([], Distribution.Aspect);
        Assert.Equal(0, d.Count);
        Assert.Null(d.Median);
        Assert.All(d.Histogram, b => Assert.Equal(0, b.Count));
        Assert.Null(d.Histogram[^1].To);
    }
}
