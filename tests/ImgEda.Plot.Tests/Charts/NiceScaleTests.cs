using ImgEda.Plot.Charts;

namespace ImgEda.Plot.Tests.Charts;

public class NiceScaleTests
{
    [Theory]
    [InlineData(0, 97, 0, 100, 20)]
    [InlineData(0, 5120, 0, 6000, 1000)]
    [InlineData(0.3, 5.8, 0, 6, 1)]
    [InlineData(2, 98, 0, 100, 20)]
    public void Ticks_fall_on_round_numbers_and_cover_the_data(double min, double max, double lo, double hi,
        double step)
    {
        var (a, b, ticks) = NiceScale.Linear(min, max);
        Assert.Equal((lo, hi), (a, b));
        Assert.Equal(step, ticks[1] - ticks[0], 9);
        Assert.True(ticks[0] <= min && ticks[^1] >= max);
    }

    [Fact]
    public void A_single_value_gets_a_range_around_it()
    {
        var (lo, hi, ticks) = NiceScale.Linear(12, 12);
        Assert.True(lo < 12 && hi > 12 && ticks.Length is >= 3 and <= 8, $"{lo}..{hi}, {ticks.Length} ticks");
    }

    [Fact]
    public void Log_ticks_are_decades()
    {
        var (lo, hi, ticks) = NiceScale.Log10(350, 12_000_000);
        Assert.Equal((100.0, 100_000_000.0), (lo, hi));
        Assert.Equal([100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8], ticks);
    }

    [Fact]
    public void Over_three_decades_or_fewer_log_ticks_fall_on_1_2_and_5()
    {
        var (lo, hi, ticks) = NiceScale.Log10(100, 3200);
        Assert.Equal((100.0, 10_000.0), (lo, hi));
        Assert.Equal([100, 200, 500, 1_000, 2_000, 5_000, 10_000], ticks);
    }

    [Fact]
    public void Ratio_ticks_are_powers_of_two_around_the_data()
    {
        // 9:16 to 16:9; all square: a range around 1:1
        foreach (var (min, max) in new[] { (0.5625, 1.7778), (1.0, 1.0) })
        {
            var (lo, hi, ticks) = NiceScale.Log2(min, max);
            Assert.Equal((0.5, 2.0), (lo, hi));
            Assert.Equal([0.5, 1, 2], ticks);
        }
    }

    [Fact]
    public void Counts_get_no_fractional_ticks()
    {
        foreach (var max in new[] { 3.0, 14, 17.5 })
        {
            var (_, hi, ticks) = NiceScale.Linear(0, max, integers: true);
            Assert.True(hi >= max);
            Assert.All(ticks, t => Assert.Equal(Math.Round(t), t));
        }
    }
}
