using ImgEda.Core.Running;

namespace ImgEda.Core.Tests.Running;

public class AtomicFileTests
{
    [Fact]
    public void Writes_through_a_temporary_name_and_leaves_only_the_file()
    {
        using var tmp = new TempDir();
        var path = tmp["a/b/c.json"];
        AtomicFile.Write(path, "first"u8);
        AtomicFile.Write(path, "second"u8);
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal(["c.json"], Directory.GetFiles(tmp["a/b"]).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_write_leaves_no_temporary_file()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["x/target"]); // a directory where the file should go: the rename fails
        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(tmp["x/target"], "data"u8));
        Assert.Empty(Directory.GetFiles(tmp["x"]));
    }
}
