using System.Text.Json.Nodes;
using ImgEda.Core.Running;

namespace ImgEda.Annotations.Tests;

public class AnnotationsRunnerTests
{
    private static DatasetContext Context(string pfs, params string[] inputs) =>
        new(pfs, inputs, null, StepLog.ToStderr("annotations", false));

    [Fact]
    public void A_yolo_dataset_gives_annotations_json_and_a_line_of_facts_per_image_for_merge()
    {
        using var data = new LabelledDataset();
        data.Write("data.yaml", "names: [person, car]\n");
        data.AddImage("images/train/a.jpg");
        data.Write("labels/train/a.txt", "0 0.5 0.5 0.2 0.2\n1 0.5 0.5 0.2 0.2\n");
        data.AddImage("images/train/b.jpg");

        Assert.Equal(ExitStatus.Done, new AnnotationsRunner(Context(data.Pfs)).Run());

        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(data.Pfs, "out", "annotations.json")))!;
        Assert.Equal("yolo", (string?)report["format"]);
        Assert.Equal(2, (int)report["boxes"]!);
        Assert.Equal(50.0, (double)report["unlabelled_pct"]!);
        Assert.Equal("image_without_label", (string?)report["problems"]![0]!["kind"]);
        var lines = File.ReadAllLines(Path.Combine(data.Pfs, "out", "image_annotations.jsonl"))
            .Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["images/train/a.jpg", "images/train/b.jpg"], lines.Select(l => (string?)l["path"]));
        Assert.All(lines, l => Assert.Equal("images", (string?)l["input"]));
        Assert.Equal(2, (int)lines[0]["annotations"]!["boxes"]!);
        Assert.Equal("[\"car\",\"person\"]", lines[0]["annotations"]!["classes"]!.ToJsonString());
        Assert.False((bool)lines[1]["annotations"]!["labelled"]!);
    }

    [Fact]
    public void Images_without_annotations_give_format_null_and_no_records()
    {
        using var tmp = new TempDir();
        var pfs = tmp.Pfs("images", RepoPaths.SampleFiles);

        Assert.Equal(ExitStatus.Done, new AnnotationsRunner(Context(pfs)).Run());

        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(pfs, "out", "annotations.json")))!;
        Assert.Null(report["format"]);
        Assert.Equal(RepoPaths.SampleFiles.Count(DatasetListing.IsImage), (int)report["images"]!);
        Assert.Empty(report["problems"]!.AsArray());
        var written = Directory.GetFileSystemEntries(Path.Combine(pfs, "out")).Select(Path.GetFileName);
        Assert.Equal(["annotations.json"], written);
    }

    [Fact]
    public void Two_datasets_at_once_are_a_usage_error_naming_them()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["pfs/a"]);
        Directory.CreateDirectory(tmp["pfs/b"]);
        var error = Assert.Throws<ImgEda.Core.UsageException>(() => new AnnotationsRunner(Context(tmp["pfs"])).Run());
        Assert.Contains("a, b", error.Message);
        Assert.Equal(ExitStatus.Done, new AnnotationsRunner(Context(tmp["pfs"], "a")).Run());
    }
}
