using System.Xml.Linq;
using ImgEda.Plot.Charts;

namespace ImgEda.Plot.Tests.Charts;

public class SvgChartTests
{
    private static XElement Parse(string svg) => XElement.Parse(svg);
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static IEnumerable<string> Texts(XElement svg) => svg.Descendants(Svg + "text").Select(t => t.Value);

    [Fact]
    public void Bars_draw_one_bar_per_category_with_its_label_and_value()
    {
        var svg = Parse(SvgChart.Bars("Formats", "images", [("jpeg", 120), ("png", 30), ("<script>&", 1)]));
        Assert.Equal(3, svg.Descendants(Svg + "rect").Count(r => r.Attribute("fill")?.Value == "#4c78a8"));
        Assert.Contains("Formats", Texts(svg));
        Assert.Contains("<script>&", Texts(svg)); // escaped in the file, intact when read back
        Assert.Contains("120", Texts(svg));
        Assert.Contains("images", Texts(svg));
    }

    [Fact]
    public void A_histogram_counts_every_value_and_draws_its_marks()
    {
        var values = Enumerable.Range(0, 100).Select(i => (double)i).ToList();
        var svg = Parse(SvgChart.Histogram("Brightness", "mean brightness (0-255)", values, bins: 10, marks: [new(40, "dark < 40"), new(220, "overexposed > 220")]));
        var bars = svg.Descendants(Svg + "rect").Where(r => r.Attribute("fill")?.Value == "#4c78a8").ToList();
        Assert.Equal(100, bars.Sum(b => int.Parse(b.Element(Svg + "title")!.Value.Split(' ')[0])));
        Assert.Equal(2, svg.Descendants(Svg + "line").Count(l => l.Attribute("stroke-dasharray") is not null));
        Assert.Contains("overexposed > 220", Texts(svg));
    }

    [Fact]
    public void A_log_histogram_labels_decades_in_bytes()
    {
        var svg = Parse(SvgChart.Histogram("File size", "bytes", [2_000, 40_000, 3_000_000], logX: true, format: SvgChart.Bytes));
        Assert.Contains("1 kB", Texts(svg));
        Assert.Contains("10 MB", Texts(svg));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Empty_or_single_value_data_renders_without_failing(int count)
    {
        var values = Enumerable.Repeat(5.0, count).ToList();
        var histogram = Parse(SvgChart.Histogram("Blur", "sigma", values));
        var bars = Parse(SvgChart.Bars("Cameras", "images", [.. values.Select(v => ("cam", v))]));
        var scatter = Parse(SvgChart.Scatter("Dimensions", "w", "h", [.. values.Select(v => (v, v))]));
        if (count == 0) Assert.All([histogram, bars, scatter], s => Assert.Contains("no data", Texts(s)));
        else Assert.All([histogram, bars, scatter], s => Assert.DoesNotContain("no data", Texts(s)));
    }

    [Fact]
    public void Bytes_read_as_people_read_them()
    {
        Assert.Equal(("512 B", "1.5 kB", "20 MB", "3 GB"), (SvgChart.Bytes(512), SvgChart.Bytes(1500), SvgChart.Bytes(20e6), SvgChart.Bytes(3e9)));
    }
}
