using ImgEda.Plot.Charts;

namespace ImgEda.Plot.Tests.Charts;

public class NumberTextTests
{
    [Fact]
    public void Bytes_read_as_people_read_them()
    {
        Assert.Equal(["512 B", "1.5 kB", "20 MB", "3 GB"], new[] { 512, 1500, 20e6, 3e9 }.Select(NumberText.Bytes));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(0.125, "0.125")]
    [InlineData(0.0625, "0.0625")]
    [InlineData(1.333333, "1.33")]
    [InlineData(2500, "2500")]
    [InlineData(12500, "12,500")]
    public void Numbers_are_round_with_separators_from_ten_thousand(double value, string text) =>
        Assert.Equal(text, NumberText.Of(value));
}
