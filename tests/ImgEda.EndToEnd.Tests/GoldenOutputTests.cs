using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImgEda.Core.Running;

namespace ImgEda.EndToEnd.Tests;

/// <summary>What each step writes for the sample images, pinned in tests/golden/&lt;step&gt;.json (SHA-256 of every
/// output) with the step's algorithm version. A change of output with the same version fails: stored results
/// (`--previous`, the engine's datums) would silently survive it. Intended changes bump the step in
/// StepAlgorithmVersions and rewrite the file with IMGEDA_UPDATE_GOLDEN=1.</summary>
public class GoldenOutputTests(GoldenOutputTests.SampleChain chain) : IClassFixture<GoldenOutputTests.SampleChain>
{
    public static TheoryData<string> Steps => new(StepAlgorithmVersions.Steps);

    [Theory]
    [MemberData(nameof(Steps))]
    public void A_step_whose_outputs_change_has_a_new_algorithm_version(string step)
    {
        var actual = Digests(Path.Combine(chain.Outputs, step));
        var version = StepAlgorithmVersions.Of(step);
        var path = Path.Combine(RepoPaths.Root, "tests", "golden", $"{step}.json");
        var golden = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))!.AsObject() : null;
        var goldenVersion = golden?["algorithm_version"]!.GetValue<int>();
        var expected = golden?["outputs"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var same = expected is not null && expected.Count == actual.Count
                   && actual.All(p => expected.GetValueOrDefault(p.Key) == p.Value);
        if (same && goldenVersion == version) return;

        var changed = expected is null ? actual.Keys.ToList() : Differences(expected, actual);
        if (goldenVersion == version)
            Assert.Fail($"imgeda-{step} writes other bytes for {changed.Count} sample outputs "
                        + $"({string.Join(", ", changed.Take(5))}) at algorithm version {version}: "
                        + $"if that is intended, bump \"{step}\" in StepAlgorithmVersions, "
                        + "then rewrite tests/golden with IMGEDA_UPDATE_GOLDEN=1");
        if (Environment.GetEnvironmentVariable("IMGEDA_UPDATE_GOLDEN") != "1")
            Assert.Fail($"tests/golden/{step}.json is for algorithm version {goldenVersion?.ToString() ?? "none"}, "
                        + $"imgeda-{step} is at {version}: rewrite it with IMGEDA_UPDATE_GOLDEN=1");
        var file = new JsonObject
        {
            ["step"] = step,
            ["algorithm_version"] = version,
            ["outputs"] = new JsonObject(actual.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        };
        File.WriteAllText(path, file.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static List<string> Differences(
        Dictionary<string, string> expected, SortedDictionary<string, string> actual) =>
        expected.Keys.Union(actual.Keys).Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>Every output the step wrote, but its bookkeeping (.imgeda) and what records when it ran.</summary>
    private static SortedDictionary<string, string> Digests(string outDir) =>
        new(Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(outDir, f))
            .Where(r => !r.StartsWith(".imgeda/") && r is not "report.html")
            .ToDictionary(r => r, r => Digest(Path.Combine(outDir, r))), StringComparer.Ordinal);

    private static string Digest(string file)
    {
        var bytes = File.ReadAllBytes(file);
        // The manifest's first line is its metadata, which holds the time it was made.
        if (file.EndsWith("manifest.jsonl")) bytes = bytes[(Array.IndexOf(bytes, (byte)'\n') + 1)..];
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Every step over the samples, once for all the tests (with one fixed modification time, which analyze
    /// records); <see cref="Outputs"/> holds each step's output under its name.</summary>
    public sealed class SampleChain : IDisposable
    {
        private static readonly DateTime SampleTime = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        private readonly TempDir _work = new();

        public string Outputs => _work["outputs"];

        public SampleChain()
        {
            var images = _work["images-pfs/images"];
            OutputTree.CopyInto(images, RepoPaths.SampleFiles);
            foreach (var file in Directory.GetFiles(images)) File.SetLastWriteTimeUtc(file, SampleTime);
            Directory.CreateDirectory(Outputs);
            foreach (var step in new[] { "edges", "analyze", "hash", "thumbs" })
            {
                Run(step, _work["images-pfs"], "--workers", "1");
                Directory.Move(_work["images-pfs/out"], _work[$"outputs/{step}"]);
                if (step != "edges") StepChain.CopyFolder(_work[$"outputs/{step}"], _work[$"merge-pfs/{step}"]);
            }
            // annotations over the same folder (one datum; the samples hold no labels: "format": null). merge here
            // joins the per-image steps only, as its golden file was made.
            Run("annotations", _work["images-pfs"]);
            Directory.Move(_work["images-pfs/out"], _work["outputs/annotations"]);
            Run("merge", _work["merge-pfs"]);
            StepChain.CopyFolder(_work["merge-pfs/out"], _work["outputs/merge"]);
            StepChain.CopyFolder(_work["merge-pfs/out"], _work["gate-pfs/merge"]);
            Run("gate", _work["gate-pfs"], allowExit: 2);
            StepChain.CopyFolder(_work["gate-pfs/out"], _work["outputs/gate"]);
            StepChain.CopyFolder(_work["merge-pfs/out"], _work["plot-pfs/merge"]);
            StepChain.CopyFolder(_work["outputs/thumbs"], _work["plot-pfs/thumbs"]);
            Run("plot", _work["plot-pfs"]);
            StepChain.CopyFolder(_work["plot-pfs/out"], _work["outputs/plot"]);
        }

        public void Dispose() => _work.Dispose();

        private static void Run(string step, string pfs, params string[] args) => Run(step, pfs, allowExit: 0, args);

        private static void Run(string step, string pfs, int allowExit, params string[] args)
        {
            var run = Processes.Run(RepoPaths.Step(step), ["--pfs", pfs, .. args]);
            var expected = run.ExitCode == 0 || run.ExitCode == allowExit;
            Assert.True(expected, $"imgeda-{step} exited {run.ExitCode}: {run.Stderr}");
        }
    }
}
