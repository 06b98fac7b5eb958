using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImgEda.Merge.Tests;

public class ManifestLineTests
{
    [Theory]
    [InlineData("""{"input":"images","path":"a.jpg","format":"jpeg","width":640,"height":4.8e2,"is_dark":true,"is_blurry":false,"pixel_stats":{"is_dark":false},"sha256":"s","phash":"00ff00ff00ff00ff","thumbnail":"thumbs/images/a.jpg.jpg","channels":3,"color_mode":"rgb","step_version":"0.1.0","aspect_ratio":1.5,"megapixels":0.3,"file_size_bytes":1234}""")]
    [InlineData("""{"path":"b.png","input":"images","format":null,"width":"640","is_dark":"yes","pixel_stats":null,"channels":[1,2],"color_mode":"\u00e9\"x\"","exif":{"format":"tiff","width":9},"is_low_texture":true,"error":"cannot decode"}""")]
    [InlineData("""{"input":"images","path":"c\u002ejpg","is_corrupt":true,"is_truncated":false,"sha256":5,"phash":{"a":1}}""")]
    public void Facts_read_in_one_pass_are_what_lookups_in_the_parsed_record_answer(string json)
    {
        // As merge writes a line: an entry's JsonObject serialised.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(JsonNode.Parse(json));
        var line = ManifestLine.Parse(bytes)!;
        var entry = ImageEntry.FromLine(JsonSerializer.Deserialize<JsonElement>(bytes))!;
        Assert.Equal(entry.Key, line.Key);
        Assert.Equal(bytes, line.Bytes);
        Assert.Equal((entry.Text("sha256"), entry.Text("phash"), entry.Text("thumbnail"), entry.Text("step_version")), (line.Sha256, line.Phash, line.Thumbnail, line.StepVersion));
        Assert.Equal((entry.Number("width"), entry.Number("height"), entry.Number("megapixels"), entry.Number("file_size_bytes"), entry.Number("aspect_ratio")),
            (line.Width, line.Height, line.Megapixels, line.FileSizeBytes, line.AspectRatio));
        Assert.Equal((Raw(entry, "format"), Raw(entry, "color_mode"), Raw(entry, "channels")), (line.Format, line.ColorMode, line.Channels));
        Assert.Equal(entry.IsObject("pixel_stats"), line.Decoded);
        Assert.All(DatasetSummary.Flags, flag => Assert.Equal(entry.Flag(flag), line.Flag(flag)));
    }

    private static string? Raw(ImageEntry entry, string field) => entry.Json(field)?.Trim('"');

    [Fact]
    public void Lines_that_are_no_image_record_have_no_facts()
    {
        foreach (var text in new[] { """{"__manifest_meta__":{"input":"x","path":"y"}}""", """{"input":"images"}""", """{"input":1,"path":"a"}""", "[1,2]", "{ truncated", "" })
            Assert.Null(ManifestLine.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.Equal("images/a.jpg", ManifestLine.Parse("""{"input":"images","path":"a.jpg"}"""u8.ToArray())!.Key);
    }
}
