using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImgEda.Merge.Tests;

public class ManifestLineTests
{
    [Theory]
    [InlineData("""
        {"input":"images","path":"a.jpg","format":"jpeg","width":640,"height":4.8e2,"is_dark":true,"is_blurry":false,
        "pixel_stats":{"is_dark":false,"mean_brightness":12.5,"exif":{"camera_make":"no"}},
        "exif":{"camera_make":"Cam","camera_model":5,"focal_length_mm":4.25,"iso":100},"sha256":"s",
        "phash":"00ff00ff00ff00ff","thumbnail":"thumbs/images/a.jpg.jpg","channels":3,"color_mode":"rgb",
        "step_version":"0.1.0","aspect_ratio":1.5,"megapixels":0.3,"file_size_bytes":1234}
        """)]
    [InlineData("""
        {"path":"b.png","input":"images","format":null,"width":"640","is_dark":"yes","pixel_stats":null,
        "channels":[1,2],"color_mode":"\u00e9\"x\"","exif":{"format":"tiff","width":9,"camera_model":"M","iso":"400",
        "focal_length_mm":null},"is_low_texture":true,"error":"cannot decode","blur_score":2.5}
        """)]
    [InlineData("""
        {"input":"images","path":"c\u002ejpg","is_corrupt":true,"is_truncated":false,"sha256":5,"phash":{"a":1}}
        """)]
    public void Facts_read_in_one_pass_are_what_lookups_in_the_parsed_record_answer(string json)
    {
        // As merge writes a line: an entry's JsonObject serialised.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(JsonNode.Parse(json));
        var line = ManifestLine.Parse(bytes)!;
        var record = JsonNode.Parse(bytes)!.AsObject();
        Assert.Equal($"{record["input"]}/{record["path"]}", line.Key);
        Assert.Equal(bytes, line.Bytes);
        var texts = (
            Text(record, "sha256"),
            Text(record, "phash"),
            Text(record, "thumbnail"),
            Text(record, "step_version"),
            Text(record, "error"));
        Assert.Equal(texts, (line.Sha256, line.Phash, line.Thumbnail, line.StepVersion, line.Error));
        var camera = (Text(record, "exif", "camera_make"), Text(record, "exif", "camera_model"));
        Assert.Equal(camera, (line.CameraMake, line.CameraModel));
        var exif = (Number(record, "exif", "focal_length_mm"), Number(record, "exif", "iso"));
        Assert.Equal(exif, (line.FocalLengthMm, line.Iso));
        var sizes = (
            Number(record, "width"),
            Number(record, "height"),
            Number(record, "megapixels"),
            Number(record, "file_size_bytes"),
            Number(record, "aspect_ratio"));
        Assert.Equal(sizes, (line.Width, line.Height, line.Megapixels, line.FileSizeBytes, line.AspectRatio));
        var pixels = (Number(record, "blur_score"), Number(record, "pixel_stats", "mean_brightness"));
        Assert.Equal(pixels, (line.BlurScore, line.MeanBrightness));
        var shown = (Shown(record, "format"), Shown(record, "color_mode"), Shown(record, "channels"));
        Assert.Equal(shown, (line.Format, line.ColorMode, line.Channels));
        Assert.Equal(record["pixel_stats"] is JsonObject, line.Decoded);
        Assert.All(DatasetSummary.Flags, flag =>
        {
            var isTrue = record[flag] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
            Assert.Equal(isTrue, line.Flag(flag));
        });
    }

    private static JsonNode? At(JsonObject record, string field, string? nested) =>
        nested is null ? record[field] : (record[field] as JsonObject)?[nested];

    private static string? Text(JsonObject record, string field, string? nested = null) =>
        At(record, field, nested) is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : null;

    private static double? Number(JsonObject record, string field, string? nested = null) =>
        At(record, field, nested) is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? v.GetValue<double>()
            : null;

    /// <summary>How a value is shown in the summary's distributions: a string's text, anything else's JSON.</summary>
    private static string? Shown(JsonObject record, string field) =>
        Text(record, field) ?? record[field]?.ToJsonString();

    [Theory]
    [InlineData("""{"input":"i","path":"a","border_bands":{"top":12,"bottom":11,"left":0,"right":0}}""",
        "top 12, bottom 11 px")]
    [InlineData("""{"input":"i","path":"a","border_bands":{"left":3,"right":4,"top":0,"bottom":0,"x":{"top":9}}}""",
        "left 3, right 4 px")]
    [InlineData("""{"input":"i","path":"a","border_bands":{"top":0,"bottom":0,"left":0,"right":0}}""", null)]
    [InlineData("""{"input":"i","path":"a","border_bands":null,"top":5}""", null)]
    public void Border_bands_are_read_as_a_reviewer_reads_them(string json, string? shown) =>
        Assert.Equal(shown, ManifestLine.Parse(Encoding.UTF8.GetBytes(json))!.BorderBands);

    [Theory]
    [InlineData("""{"input":"i","path":"a","motion_blur":{"length_px":18,"degrees":22}}""", "18 px at 22°")]
    [InlineData("""{"input":"i","path":"a","motion_blur":{"degrees":90,"x":{"length_px":1},"length_px":8}}""",
        "8 px at 90°")]
    [InlineData("""{"input":"i","path":"a","motion_blur":{"length_px":18}}""", null)]
    [InlineData("""{"input":"i","path":"a","motion_blur":null,"length_px":5,"degrees":3}""", null)]
    public void Motion_blur_is_read_as_a_reviewer_reads_it(string json, string? shown) =>
        Assert.Equal(shown, ManifestLine.Parse(Encoding.UTF8.GetBytes(json))!.MotionBlur);

    [Fact]
    public void Lines_that_are_no_image_record_have_no_facts()
    {
        var texts = new[]
        {
            """{"__manifest_meta__":{"input":"x","path":"y"}}""",
            """{"input":"images"}""",
            """{"input":1,"path":"a"}""",
            "[1,2]",
            "{ truncated",
            "",
        };
        foreach (var text in texts)
            Assert.Null(ManifestLine.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.Equal("images/a.jpg", ManifestLine.Parse("""{"input":"images","path":"a.jpg"}"""u8.ToArray())!.Key);
    }
}
