using System.Text.Json.Nodes;

namespace ImgEda.EndToEnd.Tests;

/// <summary>analyze, hash and thumbs on the samples and bad inputs, then merge and gate over their outputs, laid out
/// as Pachyderm mounts them: /pfs/analyze, /pfs/hash, /pfs/thumbs for merge; /pfs/merge and /pfs/policy for
/// gate.</summary>
public class DatasetStepsTests
{
    [Fact]
    public void Merge_then_gate_over_real_step_outputs()
    {
        using var tmp = new TempDir();
        var inputs = RepoPaths.SampleFiles.Concat(BadInputs.Files).ToList();
        StepChain.RunPerImageSteps(tmp, inputs, "merge-pfs");
        var merge = Processes.Run(RepoPaths.Step("merge"), ["--pfs", tmp["merge-pfs"]]);
        Assert.True(merge.ExitCode == 0, merge.Stderr);
        Assert.Contains($"merged {inputs.Count} images", merge.Stderr);

        var lines = File.ReadAllLines(tmp["merge-pfs/out/manifest.jsonl"]);
        Assert.Equal(inputs.Count + 1, lines.Length);
        var coffee = lines.Skip(1).Select(l => JsonNode.Parse(l)!).Single(r => (string)r["path"]! == "coffee.png");
        Assert.Equal("png", (string)coffee["format"]!);                       // from analyze
        Assert.Equal(16, ((string)coffee["phash"]!).Length);                  // from hash
        Assert.Equal("thumbs/images/coffee.png.jpg", (string)coffee["thumbnail"]!);
        var summary = JsonNode.Parse(File.ReadAllText(tmp["merge-pfs/out/summary.json"]))!;
        Assert.Equal(inputs.Count, (int)summary["images_total"]!);
        Assert.True((int)summary["flags"]!["is_corrupt"]!["count"]! >= 6);
        // The sample folder holds three byte-identical copies (names with spaces, unicode, a newline) and
        // png_named.jpg.
        var duplicates = JsonNode.Parse(File.ReadAllText(tmp["merge-pfs/out/duplicates.json"]))!;
        Assert.Contains(duplicates["exact"]!.AsArray(), g => g!["paths"]!.AsArray().Count == 4);

        Directory.CreateDirectory(tmp["gate-pfs/policy"]);
        Directory.Move(tmp["merge-pfs/out"], tmp["gate-pfs/merge"]);
        File.WriteAllText(tmp["gate-pfs/policy/policy.yaml"],
            "max_corrupt_pct: 10\nallowed_formats: [jpeg, png, tiff]\n");
        var gate = Processes.Run(RepoPaths.Step("gate"), ["--pfs", tmp["gate-pfs"]]);
        Assert.Equal(2, gate.ExitCode);
        Assert.Contains("FAIL", gate.Stderr);
        var verdict = JsonNode.Parse(File.ReadAllText(tmp["gate-pfs/out/verdict.json"]))!;
        Assert.False((bool)verdict["passed"]!);
        Assert.Contains(verdict["checks"]!.AsArray(),
            c => (string)c!["name"]! == "max_corrupt_pct" && !(bool)c["passed"]!);

        File.WriteAllText(tmp["gate-pfs/policy/policy.yaml"], "max_corrupt_pct: 60\nmax_duplicate_pct: 60\n");
        Assert.Equal(0, Processes.Run(RepoPaths.Step("gate"), ["--pfs", tmp["gate-pfs"]]).ExitCode);
        File.WriteAllText(tmp["gate-pfs/policy/policy.yaml"], "max_corupt_pct: 60\n");
        var typo = Processes.Run(RepoPaths.Step("gate"), ["--pfs", tmp["gate-pfs"]]);
        Assert.Equal(1, typo.ExitCode);
        Assert.Contains("unknown key 'max_corupt_pct'", typo.Stderr);
        Assert.DoesNotContain("   at ", typo.Stderr);
    }

    [Fact]
    public void A_second_merge_with_previous_reports_what_changed()
    {
        using var tmp = new TempDir();
        StepChain.RunPerImageSteps(tmp, RepoPaths.SampleFiles.Take(5), "first");
        Assert.Equal(0, Processes.Run(RepoPaths.Step("merge"), ["--pfs", tmp["first"]]).ExitCode);
        StepChain.RunPerImageSteps(tmp, RepoPaths.SampleFiles.Skip(1).Take(5), "second");
        var merge = Processes.Run(RepoPaths.Step("merge"), ["--pfs", tmp["second"], "--previous", tmp["first/out"]]);
        Assert.Equal(0, merge.ExitCode);
        var diff = JsonNode.Parse(File.ReadAllText(tmp["second/out/diff.json"]))!;
        Assert.Equal($"images/{Path.GetFileName(RepoPaths.SampleFiles[5])}", (string)diff["added"]![0]!);
        Assert.Equal($"images/{Path.GetFileName(RepoPaths.SampleFiles[0])}", (string)diff["removed"]![0]!);
        // Unchanged files copied again keep their bytes and times, so their records are equal.
        Assert.Equal(4, (int)diff["unchanged_count"]!);
    }
}
