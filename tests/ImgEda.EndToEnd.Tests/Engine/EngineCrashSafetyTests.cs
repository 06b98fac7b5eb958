using System.Diagnostics;

namespace ImgEda.EndToEnd.Tests.Engine;

/// <summary>The local engine killed during put, run and the metadata commit: the home stays consistent (imgeda check
/// --deep), no step outlives it, and the next put or run finishes the work with the uninterrupted result.</summary>
public class EngineCrashSafetyTests
{
    private const int Trials = 6;

    [Fact]
    public void Killed_during_put_the_repo_is_as_before_and_the_next_put_completes()
    {
        using var tmp = new TempDir();
        var photos = Directory.GetFiles(RepoPaths.Photos);
        var random = new Random(11);
        var interrupted = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var engine = new EngineHomeUnderTest(tmp[$"home{trial}"]);
            engine.Ok("repo", "create", "images");
            using (var put = engine.Start("put", "images", RepoPaths.Photos))
            {
                Thread.Sleep(random.Next(20, 450));
                if (!put.HasExited) put.Kill();
                put.WaitForExit();
            }
            engine.Ok("check", "--deep");
            var commitList = engine.Ok("commit", "list", "images").Stdout;
            var commits = commitList.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
            Assert.InRange(commits, 0, 1);
            if (commits == 0) interrupted++;
            engine.Run("put", "images", RepoPaths.Photos);
            var listed = engine.Ok("ls", "images").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(photos.Length, listed.Length);
            engine.Ok("check", "--deep");
        }
        Assert.True(interrupted > 0, "no kill landed before the commit: the test proved nothing");
    }

    [Fact]
    public void Dying_inside_the_metadata_transaction_leaves_nothing_half_made()
    {
        using var tmp = new TempDir();
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.Ok("repo", "create", "images", "policy");
        var crashAtCommit = new Dictionary<string, string?> { ["IMGEDA_TEST_CRASH_AT"] = "commit" };
        Assert.NotEqual(0, engine.RunWith(crashAtCommit, "put", "images", RepoPaths.Samples).ExitCode);
        Assert.Single(engine.Ok("commit", "list", "images").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        engine.CreateChain(RepoPaths.Samples);

        var crashAtAnalyzeJob = new Dictionary<string, string?> { ["IMGEDA_TEST_CRASH_AT"] = "job-commit:analyze" };
        Assert.NotEqual(0, engine.RunWith(crashAtAnalyzeJob, "run").ExitCode);
        engine.Ok("check", "--deep");
        var jobList = engine.Ok("job", "list", "-p", "analyze").Stdout;
        Assert.Single(jobList.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("has no commits yet", engine.Run("ls", "analyze").Stderr);
        engine.Ok(2, "run");
        Assert.Equal("success", (string?)engine.LastJob("analyze")["state"]);
        Assert.Equal(RepoPaths.SampleFiles.Count, (int)engine.LastJob("analyze")["datums"]!["processed"]!);
        engine.Ok("check", "--deep");
    }

    [Fact]
    public void Killed_at_random_points_of_a_run_the_next_run_gives_the_uninterrupted_result()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["images"], RepoPaths.SampleFiles.Concat(RepoPaths.PhotoFiles.Take(40)));
        var reference = new EngineHomeUnderTest(tmp["reference"]);
        reference.CreateChain(tmp["images"]);
        var clock = Stopwatch.StartNew();
        reference.Ok(2, "run");
        var fullRun = clock.Elapsed;
        string[] compared = ["edges", "analyze", "hash", "thumbs"];
        var expected = compared.ToDictionary(p => p, p => reference.Contents(p, tmp.Path));

        var random = new Random(5);
        var interrupted = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var engine = new EngineHomeUnderTest(tmp[$"home{trial}"]);
            engine.CreateChain(tmp["images"]);
            int pid;
            using (var run = engine.Start("run"))
            {
                pid = run.Id;
                Thread.Sleep(TimeSpan.FromSeconds((0.05 + 0.8 * random.NextDouble()) * fullRun.TotalSeconds));
                if (!run.HasExited)
                {
                    Processes.Run("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                    interrupted++;
                }
                run.WaitForExit();
            }
            AssertNoStepOutlives(pid);
            engine.Ok("check", "--deep");
            // 2: the gate's datum fails on these images; 0: the killed run had finished everything already.
            Assert.Contains(engine.Run("run").ExitCode, new[] { 0, 2 });
            foreach (var pipeline in compared)
                OutputTree.AssertIdentical(expected[pipeline], engine.Contents(pipeline, tmp.Path));
            // Only the gate's failed datum runs again (every run tries failed datums again, issue 15).
            Assert.DoesNotContain("merge: job", engine.Ok(2, "run").Stderr);
        }
        Assert.True(interrupted >= Trials / 2, $"only {interrupted} of {Trials} kills landed during the run");
    }

    /// <summary>Steps started by the engine carry its pid and die with it (PR_SET_PDEATHSIG).</summary>
    private static void AssertNoStepOutlives(int enginePid)
    {
        var marker = $"IMGEDA_ENGINE_PID={enginePid}\0";
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var survivors = Directory.GetDirectories("/proc")
                .Select(Path.GetFileName)
                .Where(d => d!.All(char.IsAsciiDigit))
                .Where(d =>
                {
                    try { return File.ReadAllText($"/proc/{d}/environ").Contains(marker, StringComparison.Ordinal); }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
                })
                .ToList();
            if (survivors.Count == 0) return;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5),
                $"steps outlived the killed engine: {string.Join(", ", survivors)}");
            Thread.Sleep(100);
        }
    }
}
