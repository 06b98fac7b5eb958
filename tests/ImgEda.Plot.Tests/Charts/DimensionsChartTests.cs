using ImgEda.Plot.Charts;

namespace ImgEda.Plot.Tests.Charts;

public class DimensionsChartTests
{
    [Fact]
    public void One_dot_per_distinct_size_with_how_many_images_have_it()
    {
        var sizes = Enumerable.Repeat((640.0, 480.0), 1200).Concat(Enumerable.Repeat((4032.0, 3024.0), 3))
            .Append((500.0, 2000.0));
        var chart = new DimensionsChart(sizes, maxPoints: 100);
        Assert.Equal([(500.0, 2000.0, 1), (640.0, 480.0, 1200), (4032.0, 3024.0, 3)], chart.Points);
        Assert.Equal("Image dimensions", chart.Title);
    }

    [Theory]
    [InlineData(512, 512, new[] { "720p" })]                     // all below 720p: the 720p frame shows it
    [InlineData(1600, 900, new[] { "720p", "1080p" })]
    [InlineData(1080, 1920, new[] { "720p", "1080p", "4K UHD" })] // portrait 1080p: only the 4K frame holds it
    [InlineData(6000, 4000, new[] { "720p", "1080p", "4K UHD" })]  // none holds it: all shown
    public void Reference_frames_go_up_to_the_first_that_holds_every_image(int width, int height, string[] shown)
    {
        var chart = new DimensionsChart([(width, height), (100, 100)], maxPoints: 100);
        Assert.Equal(shown, chart.Shown.Select(r => r.Name));
    }

    [Fact]
    public void Too_many_distinct_sizes_are_sampled_and_the_title_says_so()
    {
        var sizes = Enumerable.Range(1, 50_000).Select(i => ((double)i, (double)i));
        var chart = new DimensionsChart(sizes, maxPoints: 20_000);
        Assert.Equal("Image dimensions (every 3rd of 50,000 sizes)", chart.Title);
        Assert.Equal(16_667, chart.Points.Count);
    }
}
