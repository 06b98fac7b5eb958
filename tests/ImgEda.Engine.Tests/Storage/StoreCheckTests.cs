using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Tests.Storage;

public class StoreCheckTests
{
    [Fact]
    public void Objects_with_an_emptied_metadata_db_are_a_problem_not_consistent()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        File.WriteAllText(tmp["a.txt"], "a");
        home.Objects.AddCopy(tmp["a.txt"]);
        File.WriteAllBytes(tmp["home/metadata.db"], []);
        foreach (var wal in Directory.GetFiles(tmp["home"], "metadata.db-*")) File.Delete(wal);
        var reopened = EngineHome.Open(tmp["home"]);
        using var db = reopened.Metadata();
        var problem = Assert.Single(StoreCheck.Run(db, reopened.Objects, deep: true));
        Assert.Contains("holds 1 objects but the metadata names none", problem);
    }
}
