namespace ImgEda.EndToEnd.Tests;

/// <summary>An image that crashes or hangs the native decoder (simulated by the shim's test-only switch) is isolated:
/// recorded as failed with the reason, and every other datum completes.</summary>
public class PoisonDatumTests
{
    [Theory]
    [InlineData("analyze", 2)]
    [InlineData("edges", 1)]
    public void A_crashing_and_a_hanging_image_are_skipped_as_poison_and_the_rest_complete(string step, int workers)
    {
        using var tmp = new TempDir();
        var good = RepoPaths.SampleFiles.Where(f => f.EndsWith(".png")).Take(8).ToList();
        OutputTree.CopyInto(tmp["pfs/images"], good);
        var png = File.ReadAllBytes(good[0]);
        File.WriteAllBytes(tmp["pfs/images/crash.png"], [.. png, .. "IMGEDA-TEST-POISON-ABORT"u8]);
        File.WriteAllBytes(tmp["pfs/images/hang.png"], [.. png, .. "IMGEDA-TEST-POISON-HANG"u8]);

        var run = Processes.Run(RepoPaths.Step(step),
            ["--pfs", tmp["pfs"], "--workers", $"{workers}", "--datum-timeout", "3"],
            env: new Dictionary<string, string?> { ["IMGEDA_TEST_POISON"] = "1" },
            timeout: TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("images/crash.png: the process died (SIGABRT); skipped as poison", run.Stderr);
        Assert.Contains(
            "images/hang.png: decoding took longer than 3 s (--datum-timeout); skipped as poison", run.Stderr);
        Assert.Contains("failed 2", run.Stderr);
        var outputs = Directory.GetFiles(tmp["pfs/out/images"]).Select(Path.GetFileName).ToList();
        Assert.Equal(good.Count, outputs.Count);
        Assert.DoesNotContain(outputs, o => o!.StartsWith("crash") || o.StartsWith("hang"));
        Assert.Empty(Directory.GetFiles(tmp["pfs/out"], "*imgeda-tmp*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Without_the_switch_the_marker_is_just_bytes()
    {
        using var tmp = new TempDir();
        var png = File.ReadAllBytes(RepoPaths.SampleFiles.First(f => f.EndsWith(".png")));
        Directory.CreateDirectory(tmp["pfs/images"]);
        File.WriteAllBytes(tmp["pfs/images/crash.png"], [.. png, .. "IMGEDA-TEST-POISON-ABORT"u8]);
        var run = Processes.Run(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"]]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("processed 1 datums", run.Stderr);
    }

    [Fact]
    public async Task A_worker_that_dies_with_no_datum_in_flight_ends_the_step_with_status_5()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["pfs/images"], RepoPaths.SampleFiles.Take(4));
        var info = new System.Diagnostics.ProcessStartInfo(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"]])
        {
            RedirectStandardError = true,
        };
        using var supervisor = System.Diagnostics.Process.Start(info)!;
        var stderr = supervisor.StandardError.ReadToEndAsync();
        // Every worker the supervisor starts is killed as soon as it appears. A kill that lands while a datum is in
        // flight poisons that datum and the supervisor restarts; one that lands before any datum has started (or
        // the restart limit) leaves nobody to blame.
        var children = $"/proc/{supervisor.Id}/task/{supervisor.Id}/children";
        while (!supervisor.WaitForExit(1))
        {
            string ids;
            try { ids = File.ReadAllText(children); } catch (IOException) { continue; }
            foreach (var id in ids.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                Processes.Run("kill", ["-KILL", id]);
        }

        Assert.Equal(5, supervisor.ExitCode);
        Assert.Contains("with no datum in flight to blame; giving up", await stderr);
    }
}
