using ImgEda.Core.Pfs;
using ImgEda.Core.Running;
using ImgEda.Engine.Datums;
using ImgEda.Engine.Jobs;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Tests.Jobs;

public class OutputCollectorTests
{
    private static JobDatum Single(string path) =>
        new("hash-" + path, [new DatumPart("images", "images", "/" + path, [new RepoFile(path, "o", 1)])]);

    private static void Output(string outDir, string path, string output)
    {
        AtomicFile.Write(Path.Combine(outDir, output), System.Text.Encoding.UTF8.GetBytes("content of " + output));
        var ledger = DatumLedger.PathFor(outDir, "analyze", new Datum("images", path, ""));
        AtomicFile.Write(ledger, new DatumLedger("s", "v", "o", [output]).ToJson());
    }

    [Fact]
    public void A_batch_is_split_by_the_ledgers_and_a_failed_datum_is_missing()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        var outDir = Directory.CreateDirectory(tmp["out"]).FullName;
        Output(outDir, "a.jpg", "images/a.jpg.json");
        Output(outDir, "sub/b.jpg", "images/sub/b.jpg.json");
        var collector = new OutputCollector(home.Objects);
        var split = collector.CollectBatch(outDir, [Single("a.jpg"), Single("sub/b.jpg"), Single("failed.jpg")])!;
        Assert.Equal(2, split.Count);
        Assert.Equal([".imgeda/analyze/images/sub/b.jpg.json", "images/sub/b.jpg.json"],
            split["hash-sub/b.jpg"].Select(f => f.Path));
        Assert.False(split.ContainsKey("hash-failed.jpg"));
        Assert.True(home.Objects.Contains(split["hash-a.jpg"][1].Object));
    }

    [Fact]
    public void A_batch_with_an_output_no_ledger_names_cannot_be_split()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        var outDir = Directory.CreateDirectory(tmp["out"]).FullName;
        Output(outDir, "a.jpg", "images/a.jpg.json");
        File.WriteAllText(Path.Combine(outDir, "stray.txt"), "?");
        Assert.Null(new OutputCollector(home.Objects).CollectBatch(outDir, [Single("a.jpg")]));
    }

    [Fact]
    public void A_link_left_in_out_is_refused_and_nothing_behind_it_is_moved_or_re_moded()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        var outside = Directory.CreateDirectory(tmp["host"]).FullName;
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "host file");
        File.SetUnixFileMode(Path.Combine(outside, "secret.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var links = new[] { ("stuff", outside), ("file", Path.Combine(outside, "secret.txt")), ("self", ".") };
        foreach (var (name, target) in links)
        {
            var outDir = Directory.CreateDirectory(tmp[$"out-{name}"]).FullName;
            File.WriteAllText(Path.Combine(outDir, "real.json"), "{}");
            File.CreateSymbolicLink(Path.Combine(outDir, name), target);
            var collector = new OutputCollector(home.Objects);
            var refused = Assert.Throws<OutputRefusedException>(() => collector.Collect(outDir));
            Assert.Contains($"symbolic link at out/{name}", refused.Message);
            Assert.Null(new OutputCollector(home.Objects).CollectBatch(outDir, [Single("a.jpg")]));
        }
        Assert.Equal("host file", File.ReadAllText(Path.Combine(outside, "secret.txt")));
        var mode = File.GetUnixFileMode(Path.Combine(outside, "secret.txt"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal(0, home.Objects.Count());
    }

    [Fact]
    public void A_fifo_left_in_out_is_refused()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        var outDir = Directory.CreateDirectory(tmp["out/sub"]).Parent!.FullName;
        Assert.Equal(0, Processes.Run("mkfifo", [Path.Combine(outDir, "sub", "pipe")]).ExitCode);
        var refused = Assert.Throws<OutputRefusedException>(() => new OutputCollector(home.Objects).Collect(outDir));
        Assert.Contains("FIFO, socket or device at out/sub/pipe", refused.Message);
    }
}
