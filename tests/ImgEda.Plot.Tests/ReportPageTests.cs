using System.Text.Json.Nodes;
using ImgEda.Merge;
using ImgEda.Plot.Rendering;

namespace ImgEda.Plot.Tests;

public class ReportPageTests
{
    private static ImageEntry Entry(int i, bool dark) => new("images", $"p{i:D6}.jpg", new JsonObject
    {
        ["input"] = "images", ["path"] = $"p{i:D6}.jpg", ["format"] = "jpeg", ["width"] = 640, ["height"] = 480,
        ["aspect_ratio"] = 1.3333, ["is_dark"] = dark,
        ["pixel_stats"] = new JsonObject { ["mean_brightness"] = dark ? 20 : 120 },
        ["thumbnail"] = $"thumbs/images/p{i:D6}.jpg.jpg",
        ["error"] = i == 0 ? "</script><script>alert(1)</script>" : null,
    });

    /// <summary>Stand-ins for drawn charts: the page embeds whatever bytes it is given.</summary>
    private static readonly RenderedChart[] Charts =
    [
        new("dimensions", "Image dimensions", [0x89, (byte)'P', (byte)'N', (byte)'G', 1], "<svg/>"),
        new("formats", "Formats <b>&", [0x89, (byte)'P', (byte)'N', (byte)'G', 2], "<svg/>"),
    ];

    private static string Render(int count)
    {
        var entries = ManifestWriter.Lines([.. Enumerable.Range(0, count).Select(i => Entry(i, i % 2 == 0))]);
        var summary = DatasetSummary.Build(entries, new DuplicateReport([], [], 8));
        return new ReportPage
        {
            Entries = entries, Summary = summary, Charts = Charts, Thumbnail = _ => "data:image/jpeg;base64,AAAA",
        }.Render();
    }

    [Fact]
    public void The_page_forbids_every_request_and_embeds_all_it_shows()
    {
        var html = Render(10);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'; img-src data:", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.Equal(2, html.Split("<img src=\"data:image/png;base64,").Length - 1);
        var png = Convert.ToBase64String(Charts[0].Png);
        Assert.Contains(
            $"<img src=\"data:image/png;base64,{png}\" width=\"640\" height=\"400\" alt=\"Image dimensions\">", html);
        Assert.Contains("alt=\"Formats &lt;b&gt;&amp;\"", html);
    }

    [Fact]
    public void A_near_group_marks_its_mirrored_members()
    {
        var entries = ManifestWriter.Lines([.. Enumerable.Range(0, 3).Select(i => Entry(i, false))]);
        var duplicates = new JsonObject
        {
            ["exact"] = new JsonArray(), ["threshold"] = 8,
            ["near"] = new JsonArray(new JsonObject
            {
                ["paths"] = new JsonArray("images/p000000.jpg", "images/p000001.jpg", "images/p000002.jpg"),
                ["max_distance"] = 5, ["mirrored"] = new JsonArray("images/p000002.jpg"),
            }),
        };
        var html = new ReportPage
        {
            Entries = entries, Summary = DatasetSummary.Build(entries, new DuplicateReport([], [], 8)),
            Charts = Charts, Thumbnail = _ => "data:image/jpeg;base64,AAAA", Duplicates = duplicates,
        }.Render();
        Assert.Contains("3 images, max distance 5, 1 mirrored (flipped left to right)", html);
        Assert.Contains("<figcaption><span class=\"flag\">mirrored</span> images/p000002.jpg</figcaption>", html);
        Assert.Contains("<figcaption>images/p000001.jpg</figcaption>", html);
    }

    [Fact]
    public void Each_chart_links_its_svg_and_png_in_plots()
    {
        var html = Render(3);
        Assert.Contains("<a href=\"plots/dimensions.svg\" download>SVG</a>", html);
        Assert.Contains("<a href=\"plots/formats.png\" download>PNG</a>", html);
    }

    [Fact]
    public void An_empty_manifest_gives_a_page_that_says_it_has_no_charts()
    {
        var summary = DatasetSummary.Build([], new DuplicateReport([], [], 8));
        var html = new ReportPage { Entries = [], Summary = summary, Charts = [], Thumbnail = _ => null }.Render();
        Assert.Contains("No charts: the manifest holds no image.", html);
        Assert.DoesNotContain("<img", html);
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
