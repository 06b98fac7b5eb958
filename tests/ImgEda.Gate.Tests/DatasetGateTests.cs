using System.Text.Json.Nodes;
using ImgEda.Core;
using ImgEda.Core.Running;

namespace ImgEda.Gate.Tests;

public class DatasetGateTests
{
    private static JsonObject Summary() => JsonNode.Parse("""
        {
          "images_total": 200,
          "flags": { "is_corrupt": { "count": 4, "pct": 2.0 }, "is_dark": { "count": 50, "pct": 25.0 },
                     "is_overexposed": { "count": 0, "pct": 0 },
                     "is_blurry": { "count": 2, "pct": 1.0 }, "has_border_artifact": { "count": 0, "pct": 0 } },
          "formats": { "jpeg": 150, "png": 45, "unknown": 5 },
          "width": { "min": 120 }, "height": { "min": 300 },
          "max_aspect_ratio": 1.78,
          "duplicates": { "duplicate_pct": 4.5 }
        }
        """)!.AsObject();

    [Fact]
    public void Every_active_limit_becomes_a_check_with_value_limit_and_result()
    {
        var policy = new Policy
        {
            MinWidth = 224,
            AllowedFormats = ["jpeg"],
            MaxAspectRatio = 2,
        };
        var checks = DatasetGate.Check(Summary(), policy).ToDictionary(c => c.Name);
        Assert.Equal(11, checks.Count); // every key but min_height, which has no default
        Assert.DoesNotContain("min_height", checks.Keys);
        Assert.True(checks["max_corrupt_pct"].Passed);
        Assert.False(checks["max_dark_pct"].Passed);
        Assert.Equal(25.0, (double)checks["max_dark_pct"].Value!);
        Assert.False(checks["min_width"].Passed);
        Assert.True(checks["min_images_total"].Passed);
        Assert.True(checks["max_aspect_ratio"].Passed);
        Assert.False(checks["allowed_formats"].Passed);
        Assert.Equal("[\"png\"]", checks["allowed_formats"].Value!.ToJsonString());
    }

    [Fact]
    public void Any_image_leaked_across_splits_fails_by_default_and_a_summary_without_splits_passes()
    {
        var summary = Summary();
        Assert.True(Leakage(summary, new Policy()).Passed); // a merge from before splits: nothing measured
        Assert.Null(Leakage(summary, new Policy()).Value);

        summary["leakage"] = new JsonObject { ["leaked_images"] = 1, ["leaked_pct"] = 0.5 };
        var strict = Leakage(summary, new Policy());
        Assert.Equal((0.5, 0.0, false), ((double)strict.Value!, (double)strict.Limit!, strict.Passed));
        Assert.True(Leakage(summary, new Policy { MaxLeakagePct = 1 }).Passed);
        var disabled = DatasetGate.Check(summary, new Policy { MaxLeakagePct = null });
        Assert.DoesNotContain(disabled, c => c.Name == "max_leakage_pct");

        summary["leakage"] = new JsonObject { ["leaked_images"] = 0, ["leaked_pct"] = 0.0 };
        Assert.True(Leakage(summary, new Policy()).Passed);
    }

    private static PolicyCheck Leakage(JsonObject summary, Policy policy) =>
        DatasetGate.Check(summary, policy).Single(c => c.Name == "max_leakage_pct");

    [Fact]
    public void The_gate_writes_a_verdict_and_exits_2_when_the_policy_is_violated()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["pfs/merge"]);
        Directory.CreateDirectory(tmp["pfs/policy"]);
        File.WriteAllText(tmp["pfs/merge/summary.json"], Summary().ToJsonString());
        File.WriteAllText(tmp["pfs/policy/policy.yaml"], "max_dark_pct: 30\nmin_width: 100\n");
        var context = new DatasetContext(tmp["pfs"], [], null, StepLog.ToStderr("gate", false));
        Assert.Equal(0, new GateRunner(context, null).Run());
        var verdict = JsonNode.Parse(File.ReadAllText(tmp["pfs/out/verdict.json"]))!;
        Assert.True((bool)verdict["passed"]!);
        Assert.EndsWith("policy.yaml", (string)verdict["policy"]!);

        File.WriteAllText(tmp["strict.yaml"], "max_dark_pct: 10\n");
        Assert.Equal(2, new GateRunner(context, tmp["strict.yaml"]).Run());
        verdict = JsonNode.Parse(File.ReadAllText(tmp["pfs/out/verdict.json"]))!;
        Assert.False((bool)verdict["passed"]!);
        var dark = verdict["checks"]!.AsArray().Single(c => (string)c!["name"]! == "max_dark_pct")!;
        Assert.Equal((25.0, 10.0, false), ((double)dark["value"]!, (double)dark["limit"]!, (bool)dark["passed"]!));
    }

    [Fact]
    public void Report_only_keeps_the_verdict_with_exit_0_and_enforce_fails_on_it_later()
    {
        // Pachyderm commits nothing from a failed datum and Argo's DAG succeeds when only a non-leaf task failed
        // (workflow/controller/dag.go, assessDAGPhase): the verdict is written with exit 0, then enforced apart.
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["pfs/merge"]);
        File.WriteAllText(tmp["pfs/merge/summary.json"], Summary().ToJsonString());
        var log = StepLog.ToStderr("gate", false);
        var context = new DatasetContext(tmp["pfs"], ["merge"], null, log);
        Assert.Equal(0, new GateRunner(context, null, reportOnly: true).Run());
        Assert.False((bool)JsonNode.Parse(File.ReadAllText(tmp["pfs/out/verdict.json"]))!["passed"]!); // 25% dark > 20%
        Assert.Equal("defaults", (string)JsonNode.Parse(File.ReadAllText(tmp["pfs/out/verdict.json"]))!["policy"]!);

        Directory.CreateDirectory(tmp["enforce"]);
        Directory.Move(tmp["pfs/out"], tmp["enforce/gate"]);
        Assert.Equal(2, new VerdictEnforcer(new DatasetContext(tmp["enforce"], [], null, log)).Run());
        Assert.False(Directory.Exists(tmp["enforce/out"]));
        File.WriteAllText(tmp["enforce/gate/verdict.json"], """{"passed": true, "checks": []}""");
        Assert.Equal(0, new VerdictEnforcer(new DatasetContext(tmp["enforce"], [], null, log)).Run());
    }

    [Fact]
    public void The_policy_folder_is_found_by_name_when_input_names_only_merge()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["pfs/merge"]);
        Directory.CreateDirectory(tmp["pfs/policy"]);
        File.WriteAllText(tmp["pfs/merge/summary.json"], Summary().ToJsonString());
        File.WriteAllText(tmp["pfs/policy/policy.yaml"], "max_dark_pct: 30\nmin_width: 100\n");
        var context = new DatasetContext(tmp["pfs"], ["merge"], null, StepLog.ToStderr("gate", false));
        Assert.Equal(0, new GateRunner(context, null).Run());
        var verdict = JsonNode.Parse(File.ReadAllText(tmp["pfs/out/verdict.json"]))!;
        Assert.Equal("policy/policy.yaml", (string)verdict["policy"]!);
    }

    /// <summary>An empty policy folder (the local engine's mount of a policy repo whose commit is empty) means the
    /// built-in policy; one holding files but no .yaml is a mistake worth stopping for.</summary>
    [Fact]
    public void An_empty_policy_folder_means_the_defaults()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["pfs/merge"]);
        Directory.CreateDirectory(tmp["pfs/policy"]);
        File.WriteAllText(tmp["pfs/merge/summary.json"], Summary().ToJsonString());
        var context = new DatasetContext(tmp["pfs"], ["merge"], null, StepLog.ToStderr("gate", false));
        Assert.Equal(0, new GateRunner(context, null, reportOnly: true).Run());
        Assert.Equal("defaults", (string)JsonNode.Parse(File.ReadAllText(tmp["pfs/out/verdict.json"]))!["policy"]!);

        File.WriteAllText(tmp["pfs/policy/policy.json"], "{}");
        var error = Assert.Throws<UsageException>(() => new GateRunner(context, null, reportOnly: true).Run());
        Assert.Contains("holds no .yaml file", error.Message);
    }
}
