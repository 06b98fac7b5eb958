using System.Text.Json.Nodes;
using ImgEda.Core.Running;

namespace ImgEda.Merge.Tests;

/// <summary>merge over hand-written records laid out as the steps lay them out: /pfs/analyze, /pfs/hash,
/// /pfs/thumbs.</summary>
public class MergeRunnerTests
{
    private static void Record(TempDir tmp, string step, string path, JsonObject fields)
    {
        fields["input"] = "images";
        fields["path"] = path;
        var file = tmp[$"pfs/{step}/images/{path}.json"];
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, fields.ToJsonString());
    }

    private static void Dataset(TempDir tmp, string pfs = "pfs")
    {
        Record(tmp, "analyze", "a.jpg", new()
        {
            ["format"] = "jpeg",
            ["width"] = 640,
            ["height"] = 480,
            ["aspect_ratio"] = 1.3333,
            ["is_dark"] = true,
            ["sha256"] = "s1",
            ["exif"] = new JsonObject { ["camera_make"] = "Cam" },
        });
        Record(tmp, "analyze", "sub/b.png", new()
        {
            ["format"] = "png",
            ["width"] = 100,
            ["height"] = 400,
            ["aspect_ratio"] = 0.25,
            ["sha256"] = "s2",
            ["exif"] = null,
        });
        Record(tmp, "analyze", "c.jpg", new()
        {
            ["format"] = "jpeg",
            ["width"] = 640,
            ["height"] = 480,
            ["aspect_ratio"] = 1.3333,
            ["sha256"] = "s1",
            ["exif"] = null,
        });
        Record(tmp, "hash", "a.jpg", new()
        {
            ["sha256"] = "s1",
            ["phash"] = "ffff0000ffff0000",
            ["is_low_texture"] = false,
        });
        Record(tmp, "hash", "sub/b.png", new()
        {
            ["sha256"] = "s2",
            ["phash"] = "ffff0000ffff0003",
            ["is_low_texture"] = false,
        });
        Record(tmp, "hash", "c.jpg", new()
        {
            ["sha256"] = "s1",
            ["phash"] = "ffff0000ffff0000",
            ["is_low_texture"] = false,
        });
        // The thumbs step's output: the thumbnail and its ledger folder (which marks the output); a temporary file of
        // an interrupted write is no thumbnail.
        Directory.CreateDirectory(tmp[$"{pfs}/thumbs/.imgeda/thumbs/images"]);
        Directory.CreateDirectory(tmp[$"{pfs}/thumbs/images"]);
        File.WriteAllBytes(tmp[$"{pfs}/thumbs/images/a.jpg.jpg"], [1, 2, 3]);
        var ledger = new DatumLedger("s1", "0.1.0", "", ["images/a.jpg.jpg"]);
        File.WriteAllBytes(tmp[$"{pfs}/thumbs/.imgeda/thumbs/images/a.jpg.json"], ledger.ToJson());
        File.WriteAllText(tmp[$"{pfs}/analyze/images/.a.jpg.json.imgeda-tmp-1-x"], "{ half a fi");
        Directory.CreateDirectory(tmp[$"{pfs}/thumbs/images/sub"]);
        File.WriteAllBytes(tmp[$"{pfs}/thumbs/images/sub/.b.png.jpg.imgeda-tmp-1-x"], [1, 2]);
    }

    private static int Merge(TempDir tmp, string? previous = null, int threshold = 8, ChangedFiles? changed = null) =>
        new MergeRunner(
            new DatasetContext(tmp["pfs"], [], previous, StepLog.ToStderr("merge", false)) { Changed = changed },
            threshold,
            () => FixedTime).Run();

    private static readonly DateTimeOffset FixedTime = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Images_named_with_a_backslash_a_leading_dot_or_under_a_dot_folder_are_joined_like_any_other()
    {
        using var tmp = new TempDir();
        string[] paths = ["a\\b.jpg", ".hidden.jpg", "sub/.cache/x.jpg"];
        foreach (var path in paths)
        {
            Record(tmp, "analyze", path, new() { ["format"] = "jpeg", ["width"] = 10, ["sha256"] = path });
            Record(tmp, "hash", path, new() { ["sha256"] = path, ["phash"] = "ffff0000ffff0000" });
        }
        // Only the steps' bookkeeping is left out: a ledger is JSON too.
        Directory.CreateDirectory(tmp["pfs/analyze/.imgeda/analyze/images"]);
        var ledger = new DatumLedger("s", "v", "", []).ToJson();
        File.WriteAllBytes(tmp["pfs/analyze/.imgeda/analyze/images/x.json"], ledger);
        Directory.CreateDirectory(tmp["pfs/thumbs/.imgeda/thumbs/images/sub/.cache"]);
        Directory.CreateDirectory(tmp["pfs/thumbs/images/sub/.cache"]);
        File.WriteAllBytes(tmp["pfs/thumbs/images/sub/.cache/x.jpg.jpg"], [1, 2, 3]);
        Assert.Equal(0, Merge(tmp));
        var lines = File.ReadAllLines(tmp["pfs/out/manifest.jsonl"]).Skip(1).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(paths.Order(StringComparer.Ordinal), lines.Select(l => (string)l["path"]!));
        Assert.All(lines, l => Assert.Equal("ffff0000ffff0000", (string?)l["phash"]));
        var cached = lines.Single(l => (string)l["path"]! == "sub/.cache/x.jpg");
        Assert.Equal("thumbs/images/sub/.cache/x.jpg.jpg", (string?)cached["thumbnail"]);
    }

    [Fact]
    public void An_empty_dataset_is_merged_into_empty_outputs()
    {
        using var tmp = new TempDir();
        foreach (var input in new[] { "analyze", "hash", "thumbs" }) Directory.CreateDirectory(tmp[$"pfs/{input}"]);
        Assert.Equal(0, Merge(tmp));
        Assert.Single(File.ReadAllLines(tmp["pfs/out/manifest.jsonl"]));
        Assert.Equal("input,path", File.ReadAllLines(tmp["pfs/out/manifest.csv"]).Single());
        Assert.Equal(0, (int)JsonNode.Parse(File.ReadAllText(tmp["pfs/out/summary.json"]))!["images_total"]!);
    }

    [Fact]
    public void Formula_cells_are_defused_in_the_csv_and_kept_in_the_jsonl()
    {
        using var tmp = new TempDir();
        const string path = "=HYPERLINK(\"http://evil\")x.jpg";
        Record(tmp, "analyze", path, new()
        {
            ["format"] = "jpeg", ["exif"] = new JsonObject { ["camera_make"] = "@SUM(1)", ["focal_length_mm"] = -1.5 },
        });
        Assert.Equal(0, Merge(tmp));
        var csv = File.ReadAllText(tmp["pfs/out/manifest.csv"]);
        Assert.Contains("'=HYPERLINK", csv);
        Assert.Contains("'@SUM(1)", csv);
        Assert.Contains(",-1.5", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
        var line = JsonNode.Parse(File.ReadAllLines(tmp["pfs/out/manifest.jsonl"])[1])!;
        Assert.Equal(path, (string?)line["path"]);
    }

    [Fact]
    public void Joins_the_records_of_every_input_by_input_and_path()
    {
        using var tmp = new TempDir();
        Dataset(tmp);
        Assert.Equal(0, Merge(tmp));
        var lines = File.ReadAllLines(tmp["pfs/out/manifest.jsonl"]);
        Assert.Equal(4, lines.Length);
        var meta = JsonNode.Parse(lines[0])!["__manifest_meta__"]!;
        Assert.Equal(3, (int)meta["images"]!);
        Assert.Equal(3, (int)meta["records_per_input"]!["hash"]!);
        var a = JsonNode.Parse(lines[1])!;
        Assert.Equal(("images", "a.jpg", "jpeg", "ffff0000ffff0000", "thumbs/images/a.jpg.jpg"),
            (
                (string)a["input"]!,
                (string)a["path"]!,
                (string)a["format"]!,
                (string)a["phash"]!,
                (string)a["thumbnail"]!));
        Assert.Equal(["a.jpg", "c.jpg", "sub/b.png"], lines.Skip(1).Select(l => (string)JsonNode.Parse(l)!["path"]!));
        Assert.Null(JsonNode.Parse(lines[3])!["thumbnail"]);
    }

    [Fact]
    public void The_csv_is_flat_with_stable_columns()
    {
        using var tmp = new TempDir();
        Dataset(tmp);
        Merge(tmp);
        var first = File.ReadAllText(tmp["pfs/out/manifest.csv"]);
        var rows = first.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = rows[0].Split(',');
        Assert.Equal(4, rows.Length);
        Assert.Contains("exif.camera_make", header);
        Assert.Contains("phash", header);
        Assert.Equal("Cam", rows[1].Split(',')[Array.IndexOf(header, "exif.camera_make")]);
        Merge(tmp);
        Assert.Equal(first, File.ReadAllText(tmp["pfs/out/manifest.csv"]));
    }

    [Fact]
    public void Exact_and_near_duplicates_and_the_summary()
    {
        using var tmp = new TempDir();
        Dataset(tmp);
        Merge(tmp);
        var dup = JsonNode.Parse(File.ReadAllText(tmp["pfs/out/duplicates.json"]))!;
        Assert.Equal(["images/a.jpg", "images/c.jpg"], dup["exact"]![0]!["paths"]!.AsArray().Select(p => (string)p!));
        var near = Assert.Single(dup["near"]!.AsArray());
        Assert.Equal(3, near!["paths"]!.AsArray().Count);
        Assert.Equal(2, (int)near["max_distance"]!);
        Assert.Equal(8, (int)dup["threshold"]!);

        var summary = JsonNode.Parse(File.ReadAllText(tmp["pfs/out/summary.json"]))!;
        Assert.Equal(3, (int)summary["images_total"]!);
        Assert.Equal(33.33, (double)summary["flags"]!["is_dark"]!["pct"]!);
        Assert.Equal(2, (int)summary["formats"]!["jpeg"]!);
        Assert.Equal(100, (double)summary["width"]!["min"]!);
        Assert.Equal(4, (double)summary["max_aspect_ratio"]!);
        Assert.Equal(66.67, (double)summary["duplicates"]!["duplicate_pct"]!);

        Merge(tmp, threshold: 1); // b is 2 bits away: only the exact pair is left
        var duplicates = JsonNode.Parse(File.ReadAllText(tmp["pfs/out/duplicates.json"]))!;
        Assert.Equal(2, duplicates["near"]![0]!["paths"]!.AsArray().Count);
    }

    [Fact]
    public void Low_texture_images_join_a_group_only_through_a_byte_identical_copy()
    {
        using var tmp = new TempDir();
        Record(tmp, "hash", "flat1.png", new()
        {
            ["sha256"] = "f1",
            ["phash"] = "8000000000000000",
            ["is_low_texture"] = true,
        });
        Record(tmp, "hash", "flat2.png", new()
        {
            ["sha256"] = "f2",
            ["phash"] = "8000000000000000",
            ["is_low_texture"] = true,
        });
        Record(tmp, "hash", "flat1-copy.png", new()
        {
            ["sha256"] = "f1",
            ["phash"] = "8000000000000000",
            ["is_low_texture"] = true,
        });
        Merge(tmp);
        var near = JsonNode.Parse(File.ReadAllText(tmp["pfs/out/duplicates.json"]))!["near"]!.AsArray();
        Assert.Equal(["images/flat1-copy.png", "images/flat1.png"],
            Assert.Single(near)!["paths"]!.AsArray().Select(p => (string)p!).Order());
    }

    [Fact]
    public void The_diff_against_the_previous_manifest_names_added_removed_and_changed_images()
    {
        using var tmp = new TempDir();
        Dataset(tmp);
        Merge(tmp);
        var first = JsonNode.Parse(File.ReadAllText(tmp["pfs/out/diff.json"]))!;
        Assert.Equal(3, first["added"]!.AsArray().Count);
        Directory.Move(tmp["pfs/out"], tmp["previous"]);

        File.Delete(tmp["pfs/analyze/images/c.jpg.json"]);
        File.Delete(tmp["pfs/hash/images/c.jpg.json"]);
        Record(tmp, "analyze", "d.jpg", new() { ["format"] = "jpeg" });
        Record(tmp, "analyze", "a.jpg", new()
        {
            ["format"] = "jpeg",
            ["width"] = 641,
            ["height"] = 480,
            ["aspect_ratio"] = 1.3333,
            ["is_dark"] = true,
            ["sha256"] = "s1",
            ["exif"] = new JsonObject { ["camera_make"] = "Cam" },
        });
        Merge(tmp, previous: tmp["previous"]);
        var diff = JsonNode.Parse(File.ReadAllText(tmp["pfs/out/diff.json"]))!;
        Assert.Equal(["images/d.jpg"], diff["added"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(["images/c.jpg"], diff["removed"]!.AsArray().Select(p => (string)p!));
        var changed = Assert.Single(diff["changed"]!.AsArray())!;
        Assert.Equal("images/a.jpg", (string)changed["path"]!);
        Assert.Equal(["width"], changed["fields"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(1, (int)diff["unchanged_count"]!);
    }

    [Fact]
    public void Handed_its_previous_output_and_the_changed_files_it_reads_only_those_and_writes_what_a_full_read_does()
    {
        using var tmp = new TempDir();
        Dataset(tmp);
        File.WriteAllText(tmp["pfs/analyze/images/broken.json"], "{ not json");
        Merge(tmp);
        Directory.Move(tmp["pfs/out"], tmp["previous"]);

        // What the engine lists for this: a changed record, a removed one, a new one and its thumbnail; a ledger too.
        Record(tmp, "analyze", "a.jpg", new()
        {
            ["format"] = "jpeg",
            ["width"] = 641,
            ["height"] = 480,
            ["sha256"] = "s1",
        });
        File.Delete(tmp["pfs/hash/images/c.jpg.json"]);
        Record(tmp, "analyze", "d.jpg", new() { ["format"] = "png", ["sha256"] = "s4" });
        File.WriteAllBytes(tmp["pfs/thumbs/images/d.jpg.jpg"], [4, 5]);
        var changed = new ChangedFiles(new Dictionary<string, IReadOnlySet<string>>
        {
            ["analyze"] = new HashSet<string>
            {
                "images/a.jpg.json", "images/d.jpg.json", ".imgeda/analyze/images/d.jpg.json",
            },
            ["hash"] = new HashSet<string> { "images/c.jpg.json" },
            ["thumbs"] = new HashSet<string> { "images/d.jpg.jpg" },
        });
        var layout = ImgEda.Core.Pfs.PfsLayout.Open(tmp["pfs"], []);
        var previousLines = ManifestWriter.Images(ManifestWriter.ReadLines(tmp["previous/manifest.jsonl"]));
        var previous = new RecordCollector.PreviousRun(RecordIndex.Read(tmp["previous"])!, previousLines);
        var collected = RecordCollector.Collect(layout, _ => { }, previous, changed);
        // a.jpg's two records (one changed), c.jpg's analyze record (its hash record is gone), d.jpg's record;
        // sub/b.png kept.
        Assert.Equal((4, 1), (collected.FilesRead, collected.LinesKept));
        var withoutThumbs = new ChangedFiles(changed.ByInput.Where(p => p.Key != "thumbs").ToDictionary());
        Assert.Equal(0, RecordCollector.Collect(layout, _ => { }, previous, withoutThumbs).LinesKept);

        var diff = IncrementalEqualsFull(tmp, changed);
        var meta = JsonNode.Parse(File.ReadLines(tmp["incremental/manifest.jsonl"]).First())!["__manifest_meta__"]!;
        Assert.Equal((4, 1), ((int)meta["images"]!, (int)meta["unreadable_records"]!));
        Assert.Equal(["images/d.jpg"], diff["added"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(FixedTime.ToString("yyyy-MM-ddTHH:mm:ssZ"), (string?)diff["previous"]);
    }

    /// <summary>Merges with the previous output and <paramref name="changed"/>, then everything, and asserts the two
    /// wrote the same; returns the incremental run's diff.json.</summary>
    private static JsonNode IncrementalEqualsFull(TempDir tmp, ChangedFiles changed)
    {
        Assert.Equal(0, Merge(tmp, previous: tmp["previous"], changed: changed));
        Directory.Move(tmp["pfs/out"], tmp["incremental"]);
        Assert.Equal(0, Merge(tmp));
        var outputs = new[]
        {
            "manifest.jsonl", "manifest.csv", "duplicates.json", "summary.json", RecordIndex.RelativePath,
        };
        foreach (var file in outputs)
        {
            var full = File.ReadAllBytes(tmp[$"pfs/out/{file}"]);
            var incremental = File.ReadAllBytes(tmp[$"incremental/{file}"]);
            Assert.True(full.AsSpan().SequenceEqual(incremental), $"{file} differs from reading everything");
        }
        return JsonNode.Parse(File.ReadAllText(tmp["incremental/diff.json"]))!;
    }

    /// <summary>The dataset merged, its output moved to previous/ as the engine hands it over.</summary>
    private static void MergedAsPrevious(TempDir tmp)
    {
        Dataset(tmp);
        Merge(tmp);
        Directory.Move(tmp["pfs/out"], tmp["previous"]);
    }

    private static ChangedFiles Changes(params (string Input, string File)[] files) => new(
        new[] { "analyze", "hash", "thumbs" }.ToDictionary(
            i => i,
            i => (IReadOnlySet<string>)files.Where(f => f.Input == i).Select(f => f.File).ToHashSet()));

    [Fact]
    public void A_thumbnail_that_appears_or_goes_changes_only_its_images_line()
    {
        using var tmp = new TempDir();
        MergedAsPrevious(tmp);
        File.Delete(tmp["pfs/thumbs/images/a.jpg.jpg"]);
        File.WriteAllBytes(tmp["pfs/thumbs/images/c.jpg.jpg"], [7]);
        var diff = IncrementalEqualsFull(tmp, Changes(("thumbs", "images/a.jpg.jpg"), ("thumbs", "images/c.jpg.jpg")));
        Assert.Equal(["images/a.jpg", "images/c.jpg"], diff["changed"]!.AsArray().Select(c => (string)c!["path"]!));
        Assert.Equal(["thumbnail"], diff["changed"]![0]!["fields"]!.AsArray().Select(f => (string)f!));
    }

    [Fact]
    public void A_record_that_turns_unreadable_names_a_field_twice_or_stops_being_a_record_drops_out_as_in_a_full_read()
    {
        using var tmp = new TempDir();
        MergedAsPrevious(tmp);
        File.WriteAllText(tmp["pfs/analyze/images/a.jpg.json"], "{ truncated");
        File.WriteAllText(tmp["pfs/hash/images/c.jpg.json"], """{"note": "no input, no path"}""");
        File.WriteAllText(tmp["pfs/hash/images/sub/b.png.json"],
            """{"input": "images", "path": "sub/b.png", "phash": "0", "phash": "1"}""");
        IncrementalEqualsFull(tmp, Changes(
            ("analyze", "images/a.jpg.json"),
            ("hash", "images/c.jpg.json"),
            ("hash", "images/sub/b.png.json")));
        var meta = JsonNode.Parse(File.ReadLines(tmp["incremental/manifest.jsonl"]).First())!["__manifest_meta__"]!;
        Assert.Equal((2, 2, 1), (
            (int)meta["unreadable_records"]!,
            (int)meta["records_per_input"]!["analyze"]!,
            (int)meta["records_per_input"]!["hash"]!));
    }

    [Fact]
    public void A_previous_output_over_other_inputs_or_with_a_manifest_from_elsewhere_is_not_built_on()
    {
        using var tmp = new TempDir();
        MergedAsPrevious(tmp);
        var layout = ImgEda.Core.Pfs.PfsLayout.Open(tmp["pfs"], []);
        var index = RecordIndex.Read(tmp["previous"])!;
        var lines = ManifestWriter.Images(ManifestWriter.ReadLines(tmp["previous/manifest.jsonl"]));
        var nothing = Changes();
        Assert.Equal(3, RecordCollector.Collect(layout, _ => { }, new(index, lines), nothing).LinesKept);
        var otherInputs = new RecordCollector.PreviousRun(index with { Inputs = ["analyze", "hash"] }, lines);
        Assert.Equal(0, RecordCollector.Collect(layout, _ => { }, otherInputs, nothing).LinesKept);
        var manifestFromElsewhere = new RecordCollector.PreviousRun(index, lines.Skip(1).ToList());
        Assert.Equal(0, RecordCollector.Collect(layout, _ => { }, manifestFromElsewhere, nothing).LinesKept);
    }
}
