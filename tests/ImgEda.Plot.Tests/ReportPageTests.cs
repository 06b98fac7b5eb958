using System.Text.Json.Nodes;
using ImgEda.Merge;

namespace ImgEda.Plot.Tests;

public class ReportPageTests
{
    private static ImageEntry Entry(int i, bool dark) => new("images", $"p{i:D6}.jpg", new JsonObject
    {
        ["input"] = "images", ["path"] = $"p{i:D6}.jpg", ["format"] = "jpeg", ["width"] = 640, ["height"] = 480, ["aspect_ratio"] = 1.3333,
        ["is_dark"] = dark, ["pixel_stats"] = new JsonObject { ["mean_brightness"] = dark ? 20 : 120 }, ["thumbnail"] = $"thumbs/images/p{i:D6}.jpg.jpg",
        ["error"] = i == 0 ? "</script><script>alert(1)</script>" : null,
    });

    private static string Render(int count)
    {
        var entries = ManifestWriter.Lines([.. Enumerable.Range(0, count).Select(i => Entry(i, i % 2 == 0))]);
        var summary = DatasetSummary.Build(entries, new DuplicateReport([], [], 8));
        return new ReportPage
        {
            Entries = entries, Summary = summary, Charts = ChartSet.Build(entries, null), Thumbnail = _ => "data:image/jpeg;base64,AAAA",
        }.Render();
    }

    [Fact]
    public void The_page_forbids_every_request_and_embeds_all_it_shows()
    {
        var html = Render(10);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'; img-src data:", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("https://", html);
        Assert.Equal(10, html.Split("<svg ").Length - 1);
    }

    [Fact]
    public void Record_text_cannot_break_out_of_the_embedded_data()
    {
        var html = Render(3);
        Assert.DoesNotContain("</script><script>alert(1)", html);
        Assert.Contains("\\u003C/script\\u003E", html);
    }

    [Fact]
    public void A_large_dataset_is_capped_and_says_so()
    {
        var html = Render(100_000);
        Assert.Contains($"first {ReportPage.MaxFlaggedRows:N0} of 50,000 flagged images", html);
        Assert.Contains($"first {ReportPage.MaxRowThumbnails:N0} rows", html);
        Assert.Equal(ReportPage.MaxRowThumbnails, html.Split("data:image/jpeg;base64,AAAA").Length - 1);
        Assert.True(html.Length < 10_000_000, $"{html.Length:N0} characters");
    }
}
