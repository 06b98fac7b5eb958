using System.Diagnostics;
using System.Text.Json;
using ImgEda.Core.Imaging;
using ImgEda.Core.Running;
using OpenCvSharp;

namespace ImgEda.EndToEnd.Tests;

/// <summary>Each step killed with SIGKILL at random points, then rerun with --previous: the result equals an
/// uninterrupted run, and at no point does a reader find a half-written output.</summary>
public class CrashSafetyTests
{
    private static readonly int Trials =
        int.TryParse(Environment.GetEnvironmentVariable("IMGEDA_KILL_TRIALS"), out var t) ? t : 20;

    [Theory]
    [InlineData("edges")]
    [InlineData("analyze")]
    [InlineData("hash")]
    [InlineData("thumbs")]
    public void Killed_at_random_points_and_rerun_gives_the_uninterrupted_result(string step)
    {
        using var tmp = new TempDir();
        var photos = RepoPaths.PhotoFiles.Where(f => f.EndsWith(".jpg")).Take(10).ToList();
        OutputTree.CopyInto(tmp["reference/images"], photos);
        Assert.Equal(0, Processes.Run(RepoPaths.Step(step), ["--pfs", tmp["reference"]]).ExitCode);
        var expected = OutputTree.Read(tmp["reference/out"]);
        var outputs = expected.Keys.Count(IsVisible);

        var random = new Random(step.Length * 7919 + step[0]); // a stable seed per step (string hash codes are not)
        OutputTree.CopyInto(tmp["pfs/images"], photos);
        var midRun = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            if (Directory.Exists(tmp["pfs/out"])) Directory.Delete(tmp["pfs/out"], recursive: true);
            var info = new ProcessStartInfo(RepoPaths.Step(step), ["--pfs", tmp["pfs"]])
            {
                RedirectStandardError = true,
            };
            using (var process = Process.Start(info)!)
            {
                // After a random number of outputs and a few ms more: a kill before the first output or after the last
                // proves nothing, and kills timed from the start missed most of a fast step's run when the machine was
                // loaded (other test classes run alongside).
                var after = random.Next(1, outputs);
                while (!process.HasExited && VisibleOutputs(tmp["pfs/out"]) < after) Thread.Sleep(1);
                Thread.Sleep(random.Next(0, 10));
                if (!process.HasExited) process.Kill();
                process.WaitForExit();
            }
            WaitUntilNoStepHolds(tmp["pfs/out"]);
            if (Directory.Exists(tmp["pfs/out"]))
            {
                var whole = AssertEveryVisibleOutputIsWhole(tmp["pfs/out"]);
                if (whole > 0 && whole < outputs) midRun++;
            }

            var rerun = Processes.Run(RepoPaths.Step(step), ["--pfs", tmp["pfs"], "--previous", tmp["pfs/out"]]);
            Assert.True(rerun.ExitCode == 0, rerun.Stderr);
            OutputTree.AssertIdentical(expected, OutputTree.Read(tmp["pfs/out"]));
        }
        // Kills before the first output or after the last prove nothing about half-written files.
        Assert.True(midRun >= Trials / 4, $"only {midRun} of {Trials} kills landed between the first and last output");
    }

    /// <summary>How many outputs a reader would see now (0 while the folder is missing or changing under the walk).
    /// </summary>
    private static int VisibleOutputs(string outDir)
    {
        try
        {
            return VisibleFiles(outDir).Count();
        }
        catch (DirectoryNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>What a reader takes from the output: every file but dot-files and those in dot-folders.</summary>
    private static IEnumerable<string> VisibleFiles(string outDir) =>
        Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories)
            .Where(f => IsVisible(Path.GetRelativePath(outDir, f)));

    private static bool IsVisible(string relative) => !relative.Split('/').Any(s => s.StartsWith('.'));

    /// <summary>The supervised worker dies with its supervisor (PR_SET_PDEATHSIG), but on a loaded machine not at
    /// once: the rerun would be refused while the dying worker still holds the output's lock.</summary>
    private static void WaitUntilNoStepHolds(string outDir)
    {
        var clock = Stopwatch.StartNew();
        while (Directory.Exists(outDir))
        {
            using (var held = DirectoryLock.TryAcquire(outDir)) if (held is not null) return;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30),
                $"a killed step's worker still holds {outDir} after 30 s");
            Thread.Sleep(20);
        }
    }

    /// <summary>What a reader takes (every file but dot-files) parses as JSON, or is an image the header probe finds
    /// whole (a JPEG cut short still decodes) and that decodes; returns how many there are.</summary>
    private static int AssertEveryVisibleOutputIsWhole(string outDir)
    {
        var visible = 0;
        foreach (var file in VisibleFiles(outDir))
        {
            visible++;
            var bytes = File.ReadAllBytes(file);
            if (file.EndsWith(".json"))
            {
                JsonDocument.Parse(bytes).Dispose();
                continue;
            }
            Assert.True(ImageProbe.Probe(bytes) is { IsTruncated: false, Fault: null }, $"{file} is cut short");
            using var image = Cv2.ImDecode(bytes, ImreadModes.Unchanged);
            Assert.False(image.Empty(), $"{file} does not decode");
        }
        return visible;
    }
}
