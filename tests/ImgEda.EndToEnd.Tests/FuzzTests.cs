using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ImgEda.EndToEnd.Tests;

/// <summary>Mutated files (tests/fuzz/mutate.py: bit flips, truncations, damaged headers and chunks behind valid CRCs,
/// swapped signatures) through analyze, hash, edges and thumbs: no crash, no hang, no failed datum, one record per
/// file, bounded memory. IMGEDA_FUZZ_SEED and IMGEDA_FUZZ_COUNT choose the run (`make fuzz` runs 10,000).</summary>
public partial class FuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Mutated_files_never_crash_or_hang_a_step_and_each_gets_its_record()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("IMGEDA_FUZZ_SEED"), out var s) ? s : 1;
        var count = int.TryParse(Environment.GetEnvironmentVariable("IMGEDA_FUZZ_COUNT"), out var c) ? c : 400;
        using var tmp = new TempDir();
        var mutate = Processes.Run(PythonReference.Python,
            [
                Path.Combine(RepoPaths.Root, "tests", "fuzz", "mutate.py"),
                $"{seed}",
                $"{count}",
                RepoPaths.Samples,
                tmp["pfs/images"],
            ]);
        Assert.True(mutate.ExitCode == 0, mutate.Stderr);

        foreach (var step in new[] { "analyze", "hash", "edges", "thumbs" })
        {
            var timeout = TimeSpan.FromSeconds(60 + count / 10);
            var run = Processes.Run(RepoPaths.Step(step), ["--pfs", tmp["pfs"]], timeout: timeout);
            var lastLine = run.Stderr.Split('\n').Last(l => l.Length > 0);
            output.WriteLine($"{step}: exit {run.ExitCode}, {run.Elapsed.TotalSeconds:F1} s, "
                + $"peak RSS {run.PeakRssKb / 1024} MB; {lastLine}");
            var stderrTail = run.Stderr[^Math.Min(2000, run.Stderr.Length)..];
            Assert.True(run.ExitCode == 0, $"{step} (seed {seed}) exited {run.ExitCode}: {stderrTail}");
            var summary = Summary().Match(run.Stderr);
            Assert.True(summary.Success, run.Stderr);
            Assert.Equal((count, 0), (int.Parse(summary.Groups[1].Value), int.Parse(summary.Groups[2].Value)));
            Assert.DoesNotContain("   at ", run.Stderr);
            Assert.True(run.PeakRssKb < 600 * 1024, $"{step}: peak RSS {run.PeakRssKb / 1024} MB");
            if (step is "analyze" or "hash")
                Assert.Equal(count, Directory.GetFiles(tmp["pfs/out/images"], "*.json").Length);
            Directory.Delete(tmp["pfs/out"], recursive: true);
        }
    }

    [GeneratedRegex(@"processed (\d+) datums .*failed (\d+)")]
    private static partial Regex Summary();
}
