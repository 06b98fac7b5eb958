using System.Text.Json.Nodes;
using ImgEda.Core.Running;

namespace ImgEda.Gate.Tests;

public class AnnotationGateTests
{
    private static JsonObject Annotations(string? format, double unlabelled, double invalid) => new()
    {
        ["format"] = format, ["unlabelled_pct"] = unlabelled, ["invalid_box_pct"] = invalid,
    };

    [Fact]
    public void The_label_limits_are_checked_against_annotations_json()
    {
        var checks = AnnotationGate.Check(Annotations("yolo", 25, 0.5), new Policy()).ToDictionary(c => c.Name);
        Assert.Equal(2, checks.Count);
        Assert.False(checks["max_unlabelled_pct"].Passed);
        var unlabelled = checks["max_unlabelled_pct"];
        Assert.Equal((25.0, 10.0), ((double)unlabelled.Value!, (double)unlabelled.Limit!));
        Assert.True(checks["max_invalid_box_pct"].Passed);
        var relaxed = Policy.Parse("max_unlabelled_pct: 30\nmax_invalid_box_pct: 0\n", "policy.yaml");
        Assert.All(AnnotationGate.Check(Annotations("coco", 25, 0), relaxed), c => Assert.True(c.Passed));
        Assert.Single(AnnotationGate.Check(Annotations("coco", 25, 0), relaxed with { MaxUnlabelledPct = null }));
    }

    [Fact]
    public void No_annotations_or_none_found_in_the_dataset_adds_no_check()
    {
        Assert.Empty(AnnotationGate.Check(null, new Policy()));
        Assert.Empty(AnnotationGate.Check(Annotations(null, 100, 0), new Policy()));
    }

    [Fact]
    public void The_gate_fails_a_dataset_with_too_many_unlabelled_images_and_names_the_check()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["pfs/merge"]);
        File.WriteAllText(tmp["pfs/merge/summary.json"],
            """{"images_total": 10, "flags": {}, "duplicates": {"duplicate_pct": 0}}""");
        File.WriteAllText(tmp["pfs/merge/annotations.json"], Annotations("voc", 40, 0).ToJsonString());
        var context = new DatasetContext(tmp["pfs"], [], null, StepLog.ToStderr("gate", false));

        Assert.Equal(ExitStatus.ProblemsFound, new GateRunner(context, null).Run());

        var verdict = JsonNode.Parse(File.ReadAllText(tmp["pfs/out/verdict.json"]))!;
        var failed = verdict["checks"]!.AsArray().Where(c => !(bool)c!["passed"]!).Select(c => (string)c!["name"]!);
        Assert.Equal(["max_unlabelled_pct"], failed);

        File.WriteAllText(tmp["pfs/merge/annotations.json"], "{ not json");
        Assert.Throws<ImgEda.Core.UsageException>(() => new GateRunner(context, null).Run());
    }
}
