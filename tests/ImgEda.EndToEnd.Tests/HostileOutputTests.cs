using System.Diagnostics;

namespace ImgEda.EndToEnd.Tests;

/// <summary>Outputs that cannot be written, or that another run is writing: a clear one-line error, a non-zero exit,
/// and never a half-written file where a reader would take it.</summary>
public class HostileOutputTests
{
    [Fact]
    public void A_full_output_disk_stops_the_run_with_status_4_and_leaves_only_whole_files()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["pfs/images"], RepoPaths.PhotoFiles.Where(f => f.Contains("2560x1600")).Take(12));
        Directory.CreateDirectory(tmp["pfs/out"]);
        var mount = Processes.Run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", tmp["pfs/out"]]);
        Assert.True(mount.ExitCode == 0, $"this test needs a small tmpfs (root): {mount.Stderr}");
        try
        {
            var run = Processes.Run(RepoPaths.Step("edges"), ["--pfs", tmp["pfs"], "--workers", "1"]);
            Assert.Equal(4, run.ExitCode);
            Assert.Contains("cannot write the output, stopping: No space left on device", run.Stderr);
            Assert.DoesNotContain("   at ", run.Stderr);
            var files = Directory.GetFiles(tmp["pfs/out"], "*", SearchOption.AllDirectories);
            Assert.DoesNotContain(files, f => f.Contains(".imgeda-tmp-"));
            foreach (var png in files.Where(f => f.EndsWith(".png")))
                using (var image = OpenCv.ImgCodecs.Decode(File.ReadAllBytes(png), OpenCv.ImreadModes.Unchanged)) Assert.NotNull(image);
        }
        finally
        {
            Processes.Run("umount", [tmp["pfs/out"]]);
        }
    }

    [Fact]
    public void A_second_step_writing_the_same_output_is_refused()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["pfs/images"], RepoPaths.PhotoFiles.Take(60));
        using var first = Process.Start(new ProcessStartInfo(RepoPaths.Step("analyze"), ["--pfs", tmp["pfs"], "--workers", "1"]) { RedirectStandardError = true })!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Directory.Exists(tmp["pfs/out/images"]) && DateTime.UtcNow < deadline) Thread.Sleep(20);
        var second = Processes.Run(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"]]);
        first.WaitForExit();
        Assert.Equal(4, second.ExitCode);
        Assert.Contains("another imgeda step is writing to", second.Stderr);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, Processes.Run(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"]]).ExitCode); // free again
    }
}
