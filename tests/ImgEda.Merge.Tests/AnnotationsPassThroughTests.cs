using System.Text.Json.Nodes;
using ImgEda.Core.Running;

namespace ImgEda.Merge.Tests;

/// <summary>merge over analyze's records and the annotations step's output (annotations.json and a record per image,
/// as imgeda-annotations writes them).</summary>
public class AnnotationsPassThroughTests
{
    private static void Write(TempDir tmp, string relative, JsonNode json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(tmp[relative])!);
        File.WriteAllText(tmp[relative], json.ToJsonString());
    }

    private static void Dataset(TempDir tmp, string annotationsFolder = "")
    {
        foreach (var path in new[] { "images/a.jpg", "images/b.jpg" })
        {
            Write(tmp, $"pfs/analyze/f1/images/{path}.json", new JsonObject { ["input"] = "images", ["path"] = path, ["width"] = 10 });
            var boxes = path == "images/a.jpg" ? 2 : 0;
            Write(tmp, $"pfs/annotations/{annotationsFolder}images/{path}.json", new JsonObject
            {
                ["input"] = "images", ["path"] = path,
                ["annotations"] = new JsonObject { ["labelled"] = boxes > 0, ["boxes"] = boxes, ["invalid_boxes"] = 0,
                    ["classes"] = new JsonArray([.. boxes > 0 ? new JsonNode[] { "cat" } : []]) },
            });
        }
        Write(tmp, $"pfs/annotations/{annotationsFolder}annotations.json", new JsonObject { ["format"] = "yolo", ["boxes"] = 2 });
    }

    private static MergeRunner Runner(TempDir tmp, IReadOnlySet<string>? only = null, IReadOnlySet<string>? whole = null) =>
        new(new DatasetContext(tmp["pfs"], [], null, StepLog.ToStderr("merge", false)), 8, onlyFolders: only, wholeInputs: whole);

    private static Dictionary<string, JsonNode> Lines(TempDir tmp) => File.ReadAllLines(tmp["pfs/out/manifest.jsonl"]).Skip(1)
        .Select(l => JsonNode.Parse(l)!).ToDictionary(l => (string)l["path"]!);

    [Fact]
    public void The_annotation_facts_join_each_image_and_annotations_json_is_passed_through()
    {
        using var tmp = new TempDir();
        Dataset(tmp);

        Assert.Equal(0, Runner(tmp).Run());

        var lines = Lines(tmp);
        Assert.Equal(2, lines.Count); // annotations.json is no image's record
        Assert.Equal(2, (int)lines["images/a.jpg"]["annotations"]!["boxes"]!);
        Assert.Equal(10, (int)lines["images/a.jpg"]["width"]!);
        Assert.False((bool)lines["images/b.jpg"]["annotations"]!["labelled"]!);
        Assert.Contains("annotations.boxes", File.ReadLines(tmp["pfs/out/manifest.csv"]).First());
        Assert.Equal("yolo", (string?)JsonNode.Parse(File.ReadAllText(tmp["pfs/out/annotations.json"]))!["format"]);
    }

    [Fact]
    public void With_a_shard_list_an_input_named_whole_is_read_whole()
    {
        using var tmp = new TempDir();
        Dataset(tmp);
        var shards = new HashSet<string> { "f1" };

        Assert.Equal(0, Runner(tmp, shards).Run());
        Assert.Null(Lines(tmp)["images/a.jpg"]["annotations"]);

        Assert.Equal(0, Runner(tmp, shards, new HashSet<string> { "annotations" }).Run());
        Assert.Equal(2, (int)Lines(tmp)["images/a.jpg"]["annotations"]!["boxes"]!);
    }

    [Fact]
    public void Without_an_annotations_input_merge_writes_no_annotations_json()
    {
        using var tmp = new TempDir();
        Dataset(tmp);
        Directory.Delete(tmp["pfs/annotations"], recursive: true);

        Assert.Equal(0, Runner(tmp).Run());

        Assert.False(File.Exists(tmp["pfs/out/annotations.json"]));
    }
}
