using System.Text.Json.Nodes;

namespace ImgEda.Annotations.Tests.Formats;

public class CocoReaderTests
{
    [Fact]
    public void Every_planted_problem_is_found_and_nothing_else()
    {
        using var data = new LabelledDataset();
        var (w1, h1) = data.AddImage("coco/train2017/x.jpg");
        var (w2, h2) = data.AddImage("coco/train2017/y.jpg");
        data.AddImage("coco/train2017/z.jpg"); // in no COCO file
        JsonNode Image(int id, string name, int w, int h) =>
            new JsonObject { ["id"] = id, ["file_name"] = name, ["width"] = w, ["height"] = h };
        JsonNode Annotation(int id, int image, int category, JsonNode bbox) =>
            new JsonObject
            {
                ["id"] = id, ["image_id"] = image, ["category_id"] = category, ["bbox"] = bbox, ["iscrowd"] = 0,
            };
        var coco = new JsonObject
        {
            ["info"] = new JsonObject { ["description"] = "test" },
            ["images"] = new JsonArray(
                Image(1, "x.jpg", w1, h1), Image(2, "y.jpg", w2, h2), Image(3, "missing.jpg", 640, 480)),
            ["categories"] = new JsonArray(
                new JsonObject { ["id"] = 1, ["name"] = "person" }, new JsonObject { ["id"] = 2, ["name"] = "car" }),
            ["annotations"] = new JsonArray(
                Annotation(10, 1, 1, new JsonArray(10, 10, w1 / 2, h1 / 4)),
                Annotation(11, 1, 2, new JsonArray(w1 - 20, 0, 40, 10)),            // past the right edge
                Annotation(12, 2, 9, new JsonArray(5, 5, 10, 10)),                  // category 9 is not declared
                Annotation(13, 99, 1, new JsonArray(5, 5, 10, 10)),                 // image 99 is not listed
                Annotation(14, 3, 1, new JsonArray(5, 5, 10, 10)),                  // on the missing image
                Annotation(15, 2, 1, "not a box"),
                Annotation(16, 2, 2, new JsonArray(w2 / 4, h2 / 4, w2 / 2, h2 / 2))),
        };
        data.Write("coco/annotations/instances_train2017.json", coco.ToJsonString());
        data.Write("coco/annotations/instances_val2017.json", "{\n  \"images\": [\n    {\"id\": 1,\n");

        var (report, records) = data.Analyze();

        Assert.Equal("coco", report.Format);
        const string train = "coco/annotations/instances_train2017.json";
        Assert.Equal(
        [
            "image_without_label coco/train2017/z.jpg", $"label_without_image {train}",
            $"malformed_file {train}", "malformed_file coco/annotations/instances_val2017.json:4",
            $"out_of_bounds_box {train}", $"unknown_class {train}", $"unknown_image_id {train}",
        ], ProblemList.Of(report));
        Assert.Contains(report.Problems, p => p.Kind == "label_without_image" && p.Detail.Contains("missing.jpg"));
        Assert.Contains(report.Problems,
            p => p.Kind == "out_of_bounds_box" && p.Detail.StartsWith("annotations[1] (id 11)"));
        Assert.Equal(["1 person True 1 1", "2 car True 2 2", "9 9 False 1 1"],
            report.Classes.Select(c => $"{c.Id} {c.Name} {c.Declared} {c.Images} {c.Boxes}"));
        Assert.Equal((4, 2, 50.0), (report.Boxes, report.InvalidBoxes, report.InvalidBoxPct));
        Assert.Equal(4, report.BoxWidth!.Count);
        var y = records.Single(r => r.Path == "coco/train2017/y.jpg").Annotations;
        Assert.Equal((true, 2, 1), (y.Labelled, y.Boxes, y.InvalidBoxes));
        Assert.Equal(["9", "car"], y.Classes);
    }

    [Fact]
    public void A_roboflow_export_finds_its_images_beside_the_json_and_a_size_that_lies_is_a_finding()
    {
        using var data = new LabelledDataset();
        var (w, h) = data.AddImage("train/a.jpg");
        data.Write("train/_annotations.coco.json", new JsonObject
        {
            ["images"] = new JsonArray(
                new JsonObject { ["id"] = 0, ["file_name"] = "a.jpg", ["width"] = w + 1, ["height"] = h }),
            ["categories"] = new JsonArray(new JsonObject { ["id"] = 0, ["name"] = "cell" }),
            ["annotations"] = new JsonArray(new JsonObject
            {
                ["id"] = 1, ["image_id"] = 0, ["category_id"] = 0, ["bbox"] = new JsonArray(0, 0, w, h),
            }),
        }.ToJsonString());

        var report = data.Analyze().Report;

        Assert.Equal(["size_mismatch train/_annotations.coco.json"], ProblemList.Of(report));
        Assert.Equal(1.0, report.BoxArea!.Max); // relative to the header's size, which is the truth
    }
}
