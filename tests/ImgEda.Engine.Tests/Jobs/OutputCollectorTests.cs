using ImgEda.Core.Running;
using ImgEda.Engine.Datums;
using ImgEda.Engine.Jobs;
using ImgEda.Engine.Storage;
using CoreDatum = ImgEda.Core.Pfs.Datum;

namespace ImgEda.Engine.Tests.Jobs;

public class OutputCollectorTests
{
    private static Datum Single(string path) => new("hash-" + path, [new DatumPart("images", "images", "/" + path, [new RepoFile(path, "o", 1)])]);

    private static void Output(string outDir, string path, string output)
    {
        AtomicFile.Write(Path.Combine(outDir, output), System.Text.Encoding.UTF8.GetBytes("content of " + output));
        AtomicFile.Write(DatumLedger.PathFor(outDir, "analyze", new CoreDatum("images", path, "")), new DatumLedger("s", "v", "o", [output]).ToJson());
    }

    [Fact]
    public void A_batch_is_split_by_the_ledgers_and_a_failed_datum_is_missing()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        var outDir = Directory.CreateDirectory(tmp["out"]).FullName;
        Output(outDir, "a.jpg", "images/a.jpg.json");
        Output(outDir, "sub/b.jpg", "images/sub/b.jpg.json");
        var split = new OutputCollector(home.Objects).CollectBatch(outDir, [Single("a.jpg"), Single("sub/b.jpg"), Single("failed.jpg")])!;
        Assert.Equal(2, split.Count);
        Assert.Equal([".imgeda/analyze/images/sub/b.jpg.json", "images/sub/b.jpg.json"], split["hash-sub/b.jpg"].Select(f => f.Path));
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
}
