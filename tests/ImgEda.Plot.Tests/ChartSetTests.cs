using System.Text.Json.Nodes;
using ImgEda.Merge;
using ImgEda.Plot.Charts;

namespace ImgEda.Plot.Tests;

public class ChartSetTests
{
    private static IReadOnlyList<ManifestLine> Lines(params JsonObject[] records) =>
        ManifestWriter.Lines([.. records.Select((r, i) =>
        {
            (r["input"], r["path"]) = ("images", $"p{i}.jpg");
            return new ImageEntry("images", $"p{i}.jpg", r);
        })]);

    private static JsonObject Photo(int width, JsonObject? exif = null) => new()
    {
        ["format"] = "jpeg", ["width"] = width, ["height"] = 480, ["aspect_ratio"] = width / 480.0,
        ["file_size_bytes"] = 40_000, ["color_mode"] = "RGB", ["channels"] = 3, ["blur_score"] = 0.8,
        ["pixel_stats"] = new JsonObject { ["mean_brightness"] = 120 }, ["exif"] = exif,
    };

    [Fact]
    public void A_dataset_with_everything_gets_every_chart()
    {
        using var tmp = new TempDir();
        var pfs = MergedDataset.Pfs(tmp, 500);
        var duplicates = JsonNode.Parse(File.ReadAllText(Path.Combine(pfs, "merge", "duplicates.json")))!.AsObject();
        var charts = ChartSet.Build(MergedDataset.Entries(pfs), duplicates);
        Assert.Equal(
            ["dimensions", "file_size", "aspect_ratio", "brightness", "blur", "color_modes", "formats", "quality_flags",
             "duplicate_groups", "cameras", "focal_length", "iso"],
            charts.Select(c => c.Name));
    }

    [Fact]
    public void A_chart_is_left_out_when_the_data_has_nothing_for_it()
    {
        var charts = ChartSet.Build(Lines(Photo(640), Photo(800)), new JsonObject { ["near"] = new JsonArray() });
        Assert.Equal(
            ["dimensions", "file_size", "aspect_ratio", "brightness", "blur", "color_modes", "formats",
             "quality_flags"],
            charts.Select(c => c.Name));
        Assert.Empty(ChartSet.Build([], null));
    }

    [Fact]
    public void Camera_settings_in_a_few_stops_are_bars_in_order_and_in_many_a_log_histogram()
    {
        JsonObject Exif(int iso) => new()
        {
            ["camera_make"] = "Canon", ["camera_model"] = "Canon EOS 70D", ["iso"] = iso, ["focal_length_mm"] = 50,
        };
        var stops = ChartSet.Build(Lines(Photo(640, Exif(800)), Photo(640, Exif(100))), null);
        var iso = Assert.IsType<BarChart>(stops.Single(c => c.Name == "iso"));
        Assert.Equal([("ISO 100", 1.0), ("ISO 800", 1.0)], iso.Items.Select(i => (i.Label, i.Value)));
        var camera = Assert.IsType<BarChart>(stops.Single(c => c.Name == "cameras"));
        Assert.Equal([("Canon EOS 70D", 2.0)], camera.Items.Select(i => (i.Label, i.Value)));

        var zoom = ChartSet.Build(
            Lines([.. Enumerable.Range(18, 40).Select(f => Photo(640, new() { ["focal_length_mm"] = f }))]), null);
        var focal = Assert.IsType<HistogramChart>(zoom.Single(c => c.Name == "focal_length"));
        Assert.Equal((AxisScale.Log10, 40), (focal.Scale, focal.Counts.Sum()));
    }

    [Fact]
    public void Quality_flags_show_counts_and_shares()
    {
        var dark = Photo(640);
        dark["is_dark"] = true;
        var charts = ChartSet.Build(Lines(dark, Photo(640), Photo(640)), null);
        var flags = Assert.IsType<BarChart>(charts.Single(c => c.Name == "quality_flags"));
        Assert.Equal("1 (33.3%)", flags.Items.Single(i => i.Label == "is_dark").ValueText);
        Assert.Equal(DatasetSummary.Flags, flags.Items.Select(i => i.Label));
    }
}
