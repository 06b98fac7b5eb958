using System.Globalization;
using System.Text.Json.Nodes;
using ImgEda.Plot.Charts;

namespace ImgEda.Plot;

/// <summary>The charts of the annotations step's annotations.json (merge passes it through): class balance, boxes
/// per image, box sizes relative to the image, and the label problems by kind. None when the dataset has no
/// annotations ("format": null, or no annotations step).</summary>
public static class AnnotationCharts
{
    public const string FileName = "annotations.json";
    private const int TopClasses = 20;

    public static IReadOnlyList<Chart> Build(JsonObject? annotations)
    {
        if (annotations?["format"] is not JsonValue format) return [];
        var charts = new List<Chart>();
        var classes = (annotations["classes"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => (Name: (string?)c["name"] ?? "", Boxes: Int(c["boxes"]), Images: Int(c["images"])))
            .Where(c => c.Boxes > 0).OrderByDescending(c => c.Boxes).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        if (classes.Count > 0)
            charts.Add(new BarChart("annotation_classes",
                $"Class balance ({(string?)format}, top {Math.Min(TopClasses, classes.Count)} of {classes.Count})",
                "boxes",
                [.. classes.Take(TopClasses).Select(c => new BarChart.Item(c.Name, c.Boxes,
                    $"{c.Boxes:N0} in {c.Images:N0} image{(c.Images == 1 ? "" : "s")}"))]));
        if (Bins(annotations["boxes_per_image"], b => Count(b.From, b.To)) is { Count: > 0 } perImage)
            charts.Add(new BarChart("annotation_boxes_per_image", "Boxes per image", "images", perImage));
        if (Bins(annotations["box_area"], b => $"{Pct(b.From)}-{Pct(b.To ?? 1)}%") is { Count: > 0 } areas
            && areas.Any(a => a.Value > 0))
            charts.Add(new BarChart("annotation_box_sizes", "Box sizes (area, % of the image's)", "boxes", areas));
        var problems = (annotations["problem_counts"] as JsonObject ?? [])
            .Select(p => new BarChart.Item(p.Key, Int(p.Value))).Where(p => p.Value > 0)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Label, StringComparer.Ordinal).ToList();
        if (problems.Count > 0)
            charts.Add(new BarChart("annotation_problems", "Label problems (annotations.json lists each)", "found",
                problems));
        return charts;
    }

    private static List<BarChart.Item> Bins(JsonNode? distribution, Func<(double From, double? To), string> label) =>
        [.. (distribution?["histogram"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(b => new BarChart.Item(label(((double?)b["from"] ?? 0, (double?)b["to"])), Int(b["count"])))];

    /// <summary>Whole counts: "3", "5-9", "50+".</summary>
    private static string Count(double from, double? to) =>
        to is not { } end ? $"{from:0}+" : end - from <= 1 ? $"{from:0}" : $"{from:0}-{end - 1:0}";

    private static string Pct(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture);

    private static int Int(JsonNode? node) => node is JsonValue v && v.TryGetValue(out int n) ? n : 0;
}
