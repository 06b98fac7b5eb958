using Xunit.Abstractions;

namespace ImgEda.EndToEnd.Tests;

public class ResourceTests(ITestOutputHelper output)
{
    [Fact]
    public void Peak_memory_does_not_grow_with_the_number_of_images()
    {
        using var tmp = new TempDir();
        // Real photos up to 2560 px, each linked many times from the input (links inside the input are datums).
        var photos = RepoPaths.PhotoFiles.Where(f => f.EndsWith(".jpg") && !f.Contains("5120")).Take(30).ToList();
        long PeakFor(string name, int count)
        {
            OutputTree.CopyInto(tmp[$"{name}/images/src"], photos);
            for (var i = 0; i < count - photos.Count; i++)
                File.CreateSymbolicLink(tmp[$"{name}/images/link{i:D5}.jpg"],
                    tmp[$"{name}/images/src/{Path.GetFileName(photos[i % photos.Count])}"]);
            var run = Processes.Run(RepoPaths.Step("analyze"), ["--pfs", tmp[name], "--workers", "2"],
                timeout: TimeSpan.FromMinutes(5));
            Assert.Equal(0, run.ExitCode);
            var records = Directory.GetFiles(tmp[$"{name}/out/images"], "*.json", SearchOption.AllDirectories);
            Assert.Equal(count, records.Length);
            output.WriteLine($"{count} images: peak RSS {run.PeakRssKb / 1024} MB in {run.Elapsed.TotalSeconds:F1} s");
            return run.PeakRssKb;
        }
        var small = PeakFor("small", 100);
        var large = PeakFor("large", 1200);
        Assert.True(large < small * 1.3 + 20_000,
            $"peak RSS grew from {small / 1024} MB (100 images) to {large / 1024} MB (1200 images)");
        Assert.True(large < 400 * 1024, $"peak RSS {large / 1024} MB");
    }

    [Fact]
    public void A_decompression_bomb_is_refused_with_almost_no_memory()
    {
        // The header claims 60000x60000 (10 GB of pixels): process peak RSS sees OpenCV's native buffers, which the
        // managed heap's counters do not.
        using var tmp = new TempDir();
        var pfs = tmp.Pfs("images", [BadInputs.File("huge_header.png")]);
        var run = Processes.Run(RepoPaths.Step("analyze"), ["--pfs", pfs, "--workers", "1"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("over the limit", run.Stderr);
        Assert.True(run.PeakRssKb < 100 * 1024, $"peak RSS {run.PeakRssKb / 1024} MB");
        var record = File.ReadAllText(tmp["pfs/out/images/huge_header.png.json"]);
        Assert.Contains("\"is_unsupported\": true", record);
    }

    [Fact]
    public void A_png_chunk_claiming_2_gb_is_refused_with_almost_no_memory()
    {
        // Found by `make fuzz` (seed 7): OpenCV 4.13's PNG reader allocates a chunk's declared length before reading
        // it, so a 75 kB file with a damaged IDAT length took 2 GB per worker.
        using var tmp = new TempDir();
        var png = File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "camera.png"));
        var idat = png.AsSpan().IndexOf("IDAT"u8);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(idat - 4), int.MaxValue);
        Directory.CreateDirectory(tmp["pfs/images"]);
        File.WriteAllBytes(tmp["pfs/images/claims-2gb.png"], png);
        var run = Processes.Run(RepoPaths.Step("analyze"), ["--pfs", tmp["pfs"], "--workers", "1"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("claims-2gb.png: truncated", run.Stderr);
        Assert.True(run.PeakRssKb < 150 * 1024, $"peak RSS {run.PeakRssKb / 1024} MB");
    }

    [Fact]
    public void An_unreadable_file_is_a_failed_datum_and_the_others_complete()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["pfs/images"], RepoPaths.SampleFiles.Take(3));
        File.WriteAllText(tmp["pfs/images/locked.png"], "secret");
        File.SetUnixFileMode(tmp["pfs/images/locked.png"], UnixFileMode.None);
        Directory.CreateDirectory(tmp["pfs/out"]);
        foreach (var dir in new[] { tmp.Path, tmp["pfs"], tmp["pfs/images"], tmp["pfs/out"] })
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
        // root reads anything: run the step as an ordinary user so that the permission bits count.
        var run = Processes.RunAsOrdinaryUser(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"]]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("images/locked.png: cannot read", run.Stderr);
        Assert.Contains("failed 1", run.Stderr);
        Assert.Equal(3, Directory.GetFiles(tmp["pfs/out/images"]).Length);
        var strict = Processes.RunAsOrdinaryUser(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"], "--strict"]);
        Assert.Equal(2, strict.ExitCode);
    }
}
