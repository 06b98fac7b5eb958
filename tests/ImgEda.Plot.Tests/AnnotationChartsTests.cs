using System.Text.Json.Nodes;
using ImgEda.Plot.Charts;

namespace ImgEda.Plot.Tests;

public class AnnotationChartsTests
{
    /// <summary>annotations.json as imgeda-annotations writes it, with only what the charts read.</summary>
    private static JsonObject Annotations(string? format) => JsonNode.Parse($$"""
        {
          "format": {{(format is null ? "null" : $"\"{format}\"")}},
          "classes": [
            { "id": 0, "name": "person", "declared": true, "images": 1, "boxes": 7 },
            { "id": 1, "name": "car", "declared": true, "images": 2, "boxes": 9 },
            { "id": 2, "name": "unused", "declared": true, "images": 0, "boxes": 0 }
          ],
          "boxes_per_image": { "histogram": [ { "from": 0, "to": 1, "count": 2 }, { "from": 5, "to": 10, "count": 1 },
                                               { "from": 50, "to": null, "count": 1 } ] },
          "box_area": { "histogram": [ { "from": 0, "to": 0.1, "count": 12 }, { "from": 0.9, "to": 1, "count": 4 } ] },
          "problem_counts": { "out_of_bounds_box": 1, "empty_label_file": 3 }
        }
        """)!.AsObject();

    [Fact]
    public void Class_balance_boxes_per_image_box_sizes_and_problems_are_charted()
    {
        var charts = AnnotationCharts.Build(Annotations("yolo"));

        Assert.Equal(
            ["annotation_classes", "annotation_boxes_per_image", "annotation_box_sizes", "annotation_problems"],
            charts.Select(c => c.Name));
        var classes = (BarChart)charts[0];
        Assert.Equal(["car", "person"], classes.Items.Select(i => i.Label)); // most boxes first, unused left out
        Assert.Equal(("9 in 2 images", "7 in 1 image"), (classes.Items[0].ValueText, classes.Items[1].ValueText));
        Assert.Equal(["0", "5-9", "50+"], ((BarChart)charts[1]).Items.Select(i => i.Label));
        Assert.Equal(["0-10%", "90-100%"], ((BarChart)charts[2]).Items.Select(i => i.Label));
        Assert.Equal(["empty_label_file", "out_of_bounds_box"], ((BarChart)charts[3]).Items.Select(i => i.Label));
    }

    [Fact]
    public void No_annotations_no_chart()
    {
        Assert.Empty(AnnotationCharts.Build(null));
        Assert.Empty(AnnotationCharts.Build(Annotations(null)));
    }

    [Fact]
    public void The_report_carries_the_annotation_charts_when_merge_passed_annotations_json_through()
    {
        using var tmp = new TempDir();
        var pfs = MergedDataset.Pfs(tmp, 20);
        File.WriteAllText(Path.Combine(pfs, "merge", "annotations.json"), Annotations("coco").ToJsonString());

        var run = PlotProgram.Run("--pfs", pfs);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(File.Exists(Path.Combine(pfs, "out", "plots", "annotation_classes.png")));
        Assert.Contains("id=\"chart-annotation_box_sizes\"", File.ReadAllText(Path.Combine(pfs, "out", "report.html")));
    }
}
