using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Tests.Storage;

public class EngineHomeTests
{
    [Fact]
    public void An_emptied_metadata_db_beside_stored_objects_is_refused_not_taken_for_a_new_home()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        File.WriteAllText(tmp["a.txt"], "a");
        home.Objects.AddCopy(tmp["a.txt"]);
        File.WriteAllBytes(tmp["home/metadata.db"], []);
        foreach (var wal in Directory.GetFiles(tmp["home"], "metadata.db-*")) File.Delete(wal);
        var refused = Assert.Throws<IOException>(() => EngineHome.Open(tmp["home"]));
        Assert.Contains("is empty but the store holds 1 objects", refused.Message);
        Assert.Equal(0, new FileInfo(tmp["home/metadata.db"]).Length);
    }
}
