using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImgEda.Merge.Tests;

public class ImageEntryTests
{
    private const string Line = """
        {"input":"images","path":"a.jpg","format":"jpeg","width":640,"is_dark":true,"is_blurry":false,"error":null,
         "pixel_stats":{"mean_brightness":12.5},"exif":{"camera_make":"Cam","iso":100},"blur_score":1.25e0}
        """;

    [Fact]
    public void An_entry_read_back_from_a_manifest_answers_as_one_merge_built()
    {
        var built = new ImageEntry("images", "a.jpg", JsonNode.Parse(Line)!.AsObject());
        var read = ImageEntry.FromLine(JsonSerializer.Deserialize<JsonElement>(Line))!;
        Assert.Equal("images/a.jpg", read.Key);
        foreach (var entry in new[] { built, read })
        {
            Assert.Equal(("jpeg", (string?)null, (string?)null, "Cam", (string?)null), (entry.Text("format"), entry.Text("width"), entry.Text("error"), entry.Text("exif", "camera_make"), entry.Text("nope", "x")));
            Assert.Equal((640.0, (double?)null, 12.5, 100.0), (entry.Number("width"), entry.Number("format"), entry.Number("pixel_stats", "mean_brightness"), entry.Number("exif", "iso")));
            Assert.Equal((true, false, false), (entry.Flag("is_dark"), entry.Flag("is_blurry"), entry.Flag("format")));
            Assert.Equal(("1.25e0", (string?)null), (entry.Node("blur_score")!.ToJsonString(), entry.Node("error")?.ToJsonString()));
            Assert.Equal("jpeg", (string?)entry.Fields["format"]);
        }
        Assert.Null(ImageEntry.FromLine(JsonSerializer.Deserialize<JsonElement>("""{"__manifest_meta__":{"images":1}}""")));
    }
}
