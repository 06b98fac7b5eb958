using System.Text.Json.Nodes;
using ImgEda.Core.Running;

namespace ImgEda.Merge.Tests;

/// <summary>merge over analyze's records and the annotations step's output (annotations.json and
/// image_annotations.jsonl, as imgeda-annotations writes them).</summary>
public class AnnotationsJoinTests
{
    private static void Write(TempDir tmp, string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(tmp[relative])!);
        File.WriteAllText(tmp[relative], text);
    }

    private static string Facts(string path, int boxes) => new JsonObject
    {
        ["input"] = "images", ["path"] = path,
        ["annotations"] = new JsonObject
        {
            ["labelled"] = boxes > 0, ["boxes"] = boxes, ["invalid_boxes"] = 0,
            ["classes"] = new JsonArray([.. boxes > 0 ? new JsonNode[] { "cat" } : []])
        },
    }.ToJsonString();

    /// <param name="analyzeFolder">"f1/" puts analyze's records in a shard folder, as an Argo run does.</param>
    private static void Dataset(TempDir tmp, string analyzeFolder = "")
    {
        foreach (var path in new[] { "images/a.jpg", "images/b.jpg", "c.jpg" })
            Write(tmp, $"pfs/analyze/{analyzeFolder}images/{path}.json",
                new JsonObject { ["input"] = "images", ["path"] = path, ["width"] = 10 }.ToJsonString());
        Write(tmp, "pfs/annotations/image_annotations.jsonl",
            $"{Facts("images/a.jpg", 2)}\n{Facts("images/b.jpg", 0)}\nnot json\n");
        Write(tmp, "pfs/annotations/annotations.json", """{"format": "yolo", "boxes": 2}""");
    }

    private static int Merge(TempDir tmp, IReadOnlySet<string>? only = null, string? previous = null,
        ChangedFiles? changed = null) =>
        new MergeRunner(
            new DatasetContext(tmp["pfs"], [], previous, StepLog.ToStderr("merge", false)) { Changed = changed }, 8,
            onlyFolders: only).Run();

    private static Dictionary<string, JsonNode> Lines(TempDir tmp, string output = "pfs/out") =>
        File.ReadAllLines(tmp[$"{output}/manifest.jsonl"]).Skip(1).Select(l => JsonNode.Parse(l)!)
            .ToDictionary(l => (string)l["path"]!);

    [Fact]
    public void Each_image_gets_its_annotation_facts_and_annotations_json_is_passed_through()
    {
        using var tmp = new TempDir();
        Dataset(tmp);

        Assert.Equal(0, Merge(tmp));

        var lines = Lines(tmp);
        Assert.Equal(3, lines.Count); // annotations.json is no image's record
        Assert.Equal(2, (int)lines["images/a.jpg"]["annotations"]!["boxes"]!);
        Assert.Equal(10, (int)lines["images/a.jpg"]["width"]!);
        Assert.False((bool)lines["images/b.jpg"]["annotations"]!["labelled"]!);
        Assert.Null(lines["c.jpg"]["annotations"]); // no facts for it: no field
        Assert.Contains("annotations.boxes", File.ReadLines(tmp["pfs/out/manifest.csv"]).First());
        Assert.Equal("yolo", (string?)JsonNode.Parse(File.ReadAllText(tmp["pfs/out/annotations.json"]))!["format"]);
    }

    [Fact]
    public void With_a_shard_list_the_annotations_at_the_input_root_are_still_joined()
    {
        using var tmp = new TempDir();
        Dataset(tmp, analyzeFolder: "f1/");

        Assert.Equal(0, Merge(tmp, new HashSet<string> { "f1" }));

        Assert.Equal(2, (int)Lines(tmp)["images/a.jpg"]["annotations"]!["boxes"]!);
        Assert.True(File.Exists(tmp["pfs/out/annotations.json"]));
    }

    [Fact]
    public void Facts_gone_from_the_step_leave_the_line_kept_from_the_previous_manifest()
    {
        using var tmp = new TempDir();
        Dataset(tmp);
        Assert.Equal(0, Merge(tmp));
        Directory.Move(tmp["pfs/out"], tmp["first"]);
        Write(tmp, "pfs/annotations/image_annotations.jsonl", Facts("images/b.jpg", 1) + "\n");

        // As the engine hands it over: only the facts file changed, so every image's line is kept from the first run.
        var changed = new ChangedFiles(new Dictionary<string, IReadOnlySet<string>>
        {
            ["analyze"] = new HashSet<string>(), ["annotations"] = new HashSet<string> { "image_annotations.jsonl" },
        });
        Assert.Equal(0, Merge(tmp, previous: tmp["first"], changed: changed));

        var lines = Lines(tmp);
        Assert.Null(lines["images/a.jpg"]["annotations"]);
        Assert.Equal(1, (int)lines["images/b.jpg"]["annotations"]!["boxes"]!);
        var diff = JsonNode.Parse(File.ReadAllText(tmp["pfs/out/diff.json"]))!;
        Assert.Equal(2, diff["changed"]!.AsArray().Count);
    }

    [Fact]
    public void Without_an_annotations_input_merge_writes_no_annotations_json()
    {
        using var tmp = new TempDir();
        Dataset(tmp);
        Directory.Delete(tmp["pfs/annotations"], recursive: true);

        Assert.Equal(0, Merge(tmp));

        Assert.False(File.Exists(tmp["pfs/out/annotations.json"]));
        Assert.Null(Lines(tmp)["images/a.jpg"]["annotations"]);
    }
}
