using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using ImgEda.Core.Imaging;
using OpenCvSharp;

namespace ImgEda.EndToEnd.Tests;

/// <summary>The published steps over a classification dataset with train / val / test folders built from the sample
/// photos, with two planted leaks: a byte-identical copy of a train image in test, and a half-size JPEG re-encoding
/// of another train image in val. merge must find both and nothing else (the samples' one natural near pair, two
/// photos of the same motorcycles, stays inside one split); gate fails on the leak by default; the report shows it;
/// manifest.parquet, written by the Native AOT program, reads back in DuckDB as the manifest says.</summary>
public class DatasetLeakageTests
{
    private static readonly string[] Splits = ["train", "train", "val", "test"];
    private static readonly string[] Classes = ["class-a", "class-b"];

    /// <summary>The dataset's files by their path under the images input, and the planted leaks' paths.</summary>
    private sealed record Dataset(Dictionary<string, string> Placed, string ExactFrom, string ExactTo, string NearFrom,
        string NearTo);

    /// <summary>Photos whose names share a stem (motorcycle_left / motorcycle_right) are put together, each stem in
    /// turn into train, train, val, test and alternately into one of two classes.</summary>
    private static Dataset Build(string root)
    {
        var stems = RepoPaths.SampleFiles.GroupBy(f => Path.GetFileName(f).Split('_', '.')[0], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var placed = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < stems.Count; i++)
            foreach (var file in stems[i])
            {
                var (split, label) = (Splits[i % Splits.Length], Classes[i / Splits.Length % Classes.Length]);
                placed[$"{split}/{label}/{Path.GetFileName(file)}"] = file;
            }
        foreach (var (path, file) in placed) Copy(file, Path.Combine(root, path));

        var train = placed.Keys.Where(p => p.StartsWith("train/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        // The exact leak: the first train image, copied into test under its class.
        var exactFrom = train[0];
        var exactTo = $"test/{exactFrom.Split('/')[1]}/copy-of-{Path.GetFileName(exactFrom)}";
        Copy(placed[exactFrom], Path.Combine(root, exactTo));
        // The near leak: the train photo with the most pixels (other than the first), half size, JPEG quality 80.
        var nearFrom = train.Skip(1).Where(p => p.EndsWith(".png") || p.EndsWith(".jpg"))
            .MaxBy(p =>
            {
                using var m = Cv2.ImRead(placed[p], ImreadModes.Color);
                return m.Empty() ? 0 : m.Rows * m.Cols;
            })!;
        var nearTo = $"val/{nearFrom.Split('/')[1]}/smaller-{Path.GetFileNameWithoutExtension(nearFrom)}.jpg";
        using (var image = Cv2.ImRead(placed[nearFrom], ImreadModes.Color))
        using (var half = image.Resize(new Size(image.Cols / 2, image.Rows / 2),
                   interpolation: InterpolationFlags.Area))
            File.WriteAllBytes(Path.Combine(root, nearTo), ImageEncoder.Jpeg(half, 80));
        return new Dataset(placed, exactFrom, exactTo, nearFrom, nearTo);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }

    private static void Run(string step, string pfs, int expected = 0)
    {
        var run = Processes.Run(RepoPaths.Step(step), ["--pfs", pfs]);
        Assert.True(run.ExitCode == expected, $"imgeda-{step} exited {run.ExitCode}: {run.Stderr}");
    }

    private static JsonNode Json(string path) => JsonNode.Parse(File.ReadAllText(path))!;

    private static List<string> Paths(JsonNode group) => group["paths"]!.AsArray().Select(p => (string)p!).ToList();

    [Fact]
    public void Both_planted_leaks_are_found_and_nothing_else_gate_fails_and_the_report_shows_them()
    {
        using var tmp = new TempDir();
        var dataset = Build(tmp["images-pfs/images"]);
        foreach (var step in new[] { "analyze", "hash", "thumbs" })
        {
            Run(step, tmp["images-pfs"]);
            Directory.CreateDirectory(tmp["merge-pfs"]);
            Directory.Move(tmp["images-pfs/out"], tmp[$"merge-pfs/{step}"]);
        }
        Run("merge", tmp["merge-pfs"]);
        var merged = tmp["merge-pfs/out"];

        var leakage = Json(Path.Combine(merged, "leakage.json"));
        var exact = Assert.Single(leakage["exact"]!.AsArray())!;
        Assert.Equal([$"images/{dataset.ExactTo}", $"images/{dataset.ExactFrom}"], Paths(exact));
        Assert.Equal(["test", "train"], exact["splits"]!.AsArray().Select(s => (string?)s));
        var near = leakage["near"]!.AsArray().Select(g => Paths(g!).Order(StringComparer.Ordinal).ToList()).ToList();
        Assert.Equal(2, near.Count);
        IEnumerable<string> Group(params string[] paths) =>
            paths.Select(p => $"images/{p}").Order(StringComparer.Ordinal);
        Assert.Contains(near, g => g.SequenceEqual(Group(dataset.ExactFrom, dataset.ExactTo)));
        Assert.Contains(near, g => g.SequenceEqual(Group(dataset.NearFrom, dataset.NearTo)));
        // The natural pair is a duplicate group, but inside one split.
        var groups = Json(Path.Combine(merged, "duplicates.json"))["near"]!.AsArray();
        Assert.Contains(groups, g => Paths(g!).Any(p => p.EndsWith("motorcycle_left.png")));

        var summary = Json(Path.Combine(merged, "summary.json"));
        Assert.Equal("classification-with-splits", (string?)summary["layout"]);
        var expectedSplits = dataset.Placed.Keys.Append(dataset.ExactTo).Append(dataset.NearTo)
            .GroupBy(p => p.Split('/')[0]).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (split, count) in expectedSplits) Assert.Equal(count, (int)summary["splits"]![split]!);
        Assert.Equal(4, (int)summary["leakage"]!["leaked_images"]!);
        Assert.Equal("""{"train-val":2,"train-test":2,"val-test":0}""",
            summary["leakage"]!["by_split_pair"]!.ToJsonString());

        var lines = File.ReadLines(Path.Combine(merged, "manifest.jsonl")).Skip(1).Select(l => JsonNode.Parse(l)!)
            .ToList();
        Assert.All(lines, l => Assert.Equal(string.Join('/', ((string)l["path"]!).Split('/')[0..2]),
            $"{(string?)l["split"]}/{(string?)l["label"]}"));

        ParquetReadsBackAsTheManifest(Path.Combine(merged, "manifest.parquet"), lines);

        // gate: any leak fails by default; a policy that allows some passes.
        StepChain.CopyFolder(merged, tmp["gate-pfs/merge"]);
        Run("gate", tmp["gate-pfs"], expected: 2);
        var check = Json(tmp["gate-pfs/out/verdict.json"])["checks"]!.AsArray()
            .Single(c => (string)c!["name"]! == "max_leakage_pct")!;
        Assert.False((bool)check["passed"]!);
        Directory.CreateDirectory(tmp["gate-pfs/policy"]);
        File.WriteAllText(tmp["gate-pfs/policy/policy.yaml"],
            "max_leakage_pct: 20\nmax_duplicate_pct: 50\nmax_artifact_pct: 50\n");
        Run("gate", tmp["gate-pfs"]);

        StepChain.CopyFolder(merged, tmp["plot-pfs/merge"]);
        StepChain.CopyFolder(tmp["merge-pfs/thumbs"], tmp["plot-pfs/thumbs"]);
        Run("plot", tmp["plot-pfs"]);
        var report = File.ReadAllText(tmp["plot-pfs/out/report.html"]);
        var section = report[report.IndexOf("<section id=\"leakage\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains($"<b>val</b> images/{dataset.NearTo}", section);
        Assert.Equal(4, section.Split("<img src=\"data:image/jpeg;base64,").Length - 1);
    }

    /// <summary>DuckDB reads as many rows as the manifest has images, and each image's split, label, width, sha256
    /// and mtime as its line states them, with integer, text and timestamp types.</summary>
    private static void ParquetReadsBackAsTheManifest(string parquet, List<JsonNode> lines)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SET TimeZone = 'UTC'";
        command.ExecuteNonQuery();
        command.CommandText = "SELECT path, split, label, width, sha256, mtime, typeof(width), typeof(mtime) " +
                              $"FROM read_parquet('{parquet}')";
        using var reader = command.ExecuteReader();
        var byPath = lines.ToDictionary(l => (string)l["path"]!);
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            var line = byPath[reader.GetString(0)];
            Assert.Equal((string?)line["split"], reader.IsDBNull(1) ? null : reader.GetString(1));
            Assert.Equal((string?)line["label"], reader.IsDBNull(2) ? null : reader.GetString(2));
            Assert.Equal((long?)line["width"], reader.IsDBNull(3) ? null : reader.GetInt64(3));
            Assert.Equal((string?)line["sha256"], reader.GetString(4));
            var mtime = DateTimeOffset.Parse((string)line["mtime"]!, System.Globalization.CultureInfo.InvariantCulture);
            var read = reader.GetValue(5) switch
            {
                DateTimeOffset time => time,
                DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
                var other => throw new InvalidOperationException($"mtime read as {other.GetType()}"),
            };
            Assert.Equal(mtime, read);
            Assert.Equal(("BIGINT", "TIMESTAMP WITH TIME ZONE"), (reader.GetString(6), reader.GetString(7)));
        }
        Assert.Equal(lines.Count, rows);
    }
}
