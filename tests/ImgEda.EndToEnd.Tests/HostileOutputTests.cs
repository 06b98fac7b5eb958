using System.Diagnostics;
using OpenCvSharp;

namespace ImgEda.EndToEnd.Tests;

/// <summary>Outputs that cannot be written, or that another run is writing: a clear one-line error, a non-zero exit,
/// and never a half-written file where a reader would take it.</summary>
public class HostileOutputTests
{
    [SkippableFact]
    public void A_full_output_disk_stops_the_run_with_status_4_and_leaves_only_whole_files()
    {
        Skip.IfNot(Processes.IsRoot, "a full disk is a small tmpfs, which only root can mount (CI runs as root)");
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["pfs/images"], RepoPaths.PhotoFiles.Where(f => f.Contains("2560x1600")).Take(12));
        Directory.CreateDirectory(tmp["pfs/out"]);
        // Room for a few edge maps (4-400 kB each here), not for all twelve.
        var mount = Processes.Run("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", tmp["pfs/out"]]);
        Assert.True(mount.ExitCode == 0, $"this test needs a small tmpfs (root): {mount.Stderr}");
        try
        {
            var run = Processes.Run(RepoPaths.Step("edges"), ["--pfs", tmp["pfs"], "--workers", "1"]);
            Assert.Equal(4, run.ExitCode);
            Assert.Contains("cannot write the output, stopping: No space left on device", run.Stderr);
            Assert.DoesNotContain("   at ", run.Stderr);
            var files = Directory.GetFiles(tmp["pfs/out"], "*", SearchOption.AllDirectories);
            Assert.DoesNotContain(files, f => f.Contains(".imgeda-tmp-"));
            var pngs = files.Where(f => f.EndsWith(".png")).ToList();
            Assert.True(pngs.Count is > 0 and < 12, $"{pngs.Count} edge maps written: the disk was not full mid-run");
            foreach (var png in pngs)
                using (var image = Cv2.ImDecode(File.ReadAllBytes(png), ImreadModes.Unchanged))
                    Assert.False(image.Empty(), $"{png} is not a whole image");
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
        var info = new ProcessStartInfo(RepoPaths.Step("analyze"), ["--pfs", tmp["pfs"], "--workers", "1"])
        {
            RedirectStandardError = true,
        };
        using var first = Process.Start(info)!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Directory.Exists(tmp["pfs/out/images"]) && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.False(first.HasExited, "the first step ended before the second one started: nothing was tested");
        var second = Processes.Run(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"]]);
        first.WaitForExit();
        Assert.Equal(3, second.ExitCode); // busy: the output is not unwritable, it is taken
        Assert.Contains("another imgeda step is writing to", second.Stderr);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, Processes.Run(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"]]).ExitCode); // free again
    }

    [Fact]
    public void A_255_byte_name_gets_its_record_and_a_name_that_is_not_utf8_is_a_failed_datum_with_what_to_do()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["pfs/images"], RepoPaths.SampleFiles.Take(3));
        var sample = File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "coffee.png"));
        var longName = new string('x', 251) + ".png";
        File.WriteAllBytes(tmp[$"pfs/images/{longName}"], sample);
        // A name with bytes that are not UTF-8 (Latin-1 "é"), made through the shell: .NET cannot spell it.
        var coffee = Path.Combine(RepoPaths.Samples, "coffee.png");
        var copyToLatin1Name = $"cp '{coffee}' \"$(printf '{tmp["pfs/images"]}/caf\\351.png')\"";
        Assert.Equal(0, Processes.Run("sh", ["-c", copyToLatin1Name]).ExitCode);
        Assert.Equal(5, Directory.GetFiles(tmp["pfs/images"]).Length);

        var run = Processes.Run(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"]]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("its file name is not valid UTF-8; rename it", run.Stderr);
        Assert.Contains("processed 4 datums", run.Stderr);
        Assert.Contains("failed 1", run.Stderr);
        var records = Directory.GetFiles(tmp["pfs/out/images"])
            .Select(f => System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(f))!)
            .ToList();
        Assert.Contains(records, r => (string)r["path"]! == longName);
        var carryOver = Processes.Run(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"], "--previous", tmp["pfs/out"]]);
        Assert.Equal(0, carryOver.ExitCode); // and it carries over
    }
}
