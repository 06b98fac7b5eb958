using System.Text.Json.Nodes;
using ImgEda.Core.Running;

namespace ImgEda.Merge.Tests;

/// <summary>merge over hand-written hash records of a dataset laid out in splits and class folders: split and label
/// on each line, counts in summary.json, and leakage.json naming exactly the duplicate groups that cross
/// splits.</summary>
public class SplitLeakageTests
{
    private static void Record(TempDir tmp, string path, string sha, string phash)
    {
        var file = tmp[$"pfs/hash/images/{path}.json"];
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, new JsonObject
        {
            ["input"] = "images", ["path"] = path, ["sha256"] = sha, ["phash"] = phash, ["is_low_texture"] = false,
        }.ToJsonString());
    }

    private static void Merge(TempDir tmp, string? previous = null, ChangedFiles? changed = null) =>
        Assert.Equal(0, new MergeRunner(new DatasetContext(tmp["pfs"], [], previous, StepLog.ToStderr("merge", false))
        { Changed = changed }, 8).Run());

    private static JsonNode Output(TempDir tmp, string file) =>
        JsonNode.Parse(File.ReadAllText(tmp[$"pfs/out/{file}"]))!;

    private static void LeakyDataset(TempDir tmp)
    {
        Record(tmp, "train/cat/a.jpg", "s1", "0123456789abcdef");
        Record(tmp, "test/cat/a-copy.jpg", "s1", "0123456789abcdef"); // leaked: the same bytes
        Record(tmp, "unsorted/a-again.jpg", "s1", "0123456789abcdef"); // no split: no part in any leak
        Record(tmp, "val/dog/b.jpg", "s2", "f0f0f0f0f0f0f0f0");
        Record(tmp, "train/dog/b-small.jpg", "s3", "f0f0f0f0f0f0f0f7"); // leaked: 3 bits away
        Record(tmp, "train/cat/c.jpg", "s4", "00ff00ff00ff00ff");
        Record(tmp, "train/cat/c-crop.jpg", "s5", "00ff00ff00ff00fe"); // a duplicate inside one split: no leak
        Record(tmp, "test/dog/d.jpg", "s6", "123456789abcdef0");
    }

    [Fact]
    public void Each_line_carries_its_split_and_label_and_the_summary_counts_them()
    {
        using var tmp = new TempDir();
        LeakyDataset(tmp);
        Merge(tmp);
        var lines = File.ReadLines(tmp["pfs/out/manifest.jsonl"]).Skip(1).Select(l => JsonNode.Parse(l)!)
            .ToDictionary(l => (string)l["path"]!, l => ((string?)l["split"], (string?)l["label"]));
        Assert.Equal(("train", "dog"), lines["train/dog/b-small.jpg"]);
        Assert.Equal(("val", "dog"), lines["val/dog/b.jpg"]);
        Assert.Equal((null, null), lines["unsorted/a-again.jpg"]);
        var summary = Output(tmp, "summary.json");
        Assert.Equal(DatasetLayout.ClassificationWithSplits, (string?)summary["layout"]);
        Assert.Equal("""{"train":4,"val":1,"test":2}""", summary["splits"]!.ToJsonString());
        Assert.Equal("""{"cat":4,"dog":3}""", summary["labels"]!.ToJsonString());
        Assert.Equal("""{"cat":3,"dog":1}""", summary["labels_per_split"]!["train"]!.ToJsonString());
        Assert.Contains("split", File.ReadLines(tmp["pfs/out/manifest.csv"]).First().Split(','));
    }

    [Fact]
    public void Leakage_lists_the_exact_and_near_groups_that_cross_splits_and_nothing_else()
    {
        using var tmp = new TempDir();
        LeakyDataset(tmp);
        Merge(tmp);
        var leakage = Output(tmp, "leakage.json");
        var exact = Assert.Single(leakage["exact"]!.AsArray())!;
        Assert.Equal("s1", (string?)exact["sha256"]);
        Assert.Equal(["images/test/cat/a-copy.jpg", "images/train/cat/a.jpg", "images/unsorted/a-again.jpg"],
            exact["paths"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(["test", "train", null], exact["splits"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(0, (int)exact["distance"]!);
        var near = leakage["near"]!.AsArray()
            .Select(g => g!["paths"]!.AsArray().Select(p => (string)p!).ToList()).ToList();
        Assert.Equal(2, near.Count); // the exact copies' group, and b with its smaller copy
        Assert.Contains(near, g => g.SequenceEqual(["images/train/dog/b-small.jpg", "images/val/dog/b.jpg"]));
        Assert.Equal(3, (int)leakage["near"]!.AsArray().Single(g => g!["paths"]!.AsArray().Count == 2)!["distance"]!);
        Assert.DoesNotContain(near, g => g.Contains("images/train/cat/c.jpg"));

        var counts = Output(tmp, "summary.json")["leakage"]!;
        Assert.Equal(4, (int)counts["leaked_images"]!);
        Assert.Equal(50, (double)counts["leaked_pct"]!);
        Assert.Equal("""{"train-val":2,"train-test":2,"val-test":0}""", counts["by_split_pair"]!.ToJsonString());
    }

    [Fact]
    public void A_dataset_without_splits_leaks_nothing()
    {
        using var tmp = new TempDir();
        Record(tmp, "a.jpg", "s1", "0123456789abcdef");
        Record(tmp, "a-copy.jpg", "s1", "0123456789abcdef");
        Merge(tmp);
        Assert.Empty(Output(tmp, "leakage.json")["exact"]!.AsArray());
        var summary = Output(tmp, "summary.json");
        Assert.Equal(DatasetLayout.Flat, (string?)summary["layout"]);
        Assert.Equal(0, (int)summary["leakage"]!["leaked_images"]!);
        Assert.Equal("{}", summary["leakage"]!["by_split_pair"]!.ToJsonString());
    }

    [Fact]
    public void When_a_change_turns_the_layout_every_line_takes_its_new_place_as_reading_everything_would()
    {
        using var tmp = new TempDir();
        Record(tmp, "cat/a.jpg", "s1", "0123456789abcdef");
        Record(tmp, "b.jpg", "s2", "f0f0f0f0f0f0f0f0");
        Record(tmp, "c.jpg", "s3", "00ff00ff00ff00ff"); // one folder is no classification: a flat dataset
        Merge(tmp);
        Assert.Equal(DatasetLayout.Flat, (string?)Output(tmp, "summary.json")["layout"]);
        Directory.Move(tmp["pfs/out"], tmp["previous"]);

        Record(tmp, "dog/d.jpg", "s4", "123456789abcdef0"); // a second class folder
        var changed = new ChangedFiles(new Dictionary<string, IReadOnlySet<string>>
        {
            ["hash"] = new HashSet<string> { "images/dog/d.jpg.json" },
        });
        Merge(tmp, tmp["previous"], changed);
        var incremental = File.ReadAllText(tmp["pfs/out/manifest.csv"]);
        Assert.Equal(DatasetLayout.Classification, (string?)Output(tmp, "summary.json")["layout"]);
        Directory.Delete(tmp["pfs/out"], recursive: true);
        Merge(tmp);
        Assert.Equal(File.ReadAllText(tmp["pfs/out/manifest.csv"]), incremental);
        Assert.Contains(",cat", incremental);
    }
}
