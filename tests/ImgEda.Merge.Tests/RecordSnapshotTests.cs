namespace ImgEda.Merge.Tests;

public class RecordSnapshotTests
{
    [Fact]
    public void A_record_snapshot_keeps_any_name_and_any_bytes_and_a_damaged_one_is_not_used()
    {
        using var tmp = new TempDir();
        RecordSource[] sources = [new("analyze", "odd\nname\twith \"quotes\" é.json", "{\n  \"a\": 1\n}\n"u8.ToArray()), new("hash", "empty.json", [])];
        var bytes = RecordSnapshot.Write(["hash", "analyze"], sources);
        Directory.CreateDirectory(tmp["out/.imgeda/merge"]);
        File.WriteAllBytes(tmp["out/" + RecordSnapshot.RelativePath], bytes);
        var read = RecordSnapshot.Read(tmp["out"])!;
        Assert.Equal(["analyze", "hash"], read.Inputs.Order());
        Assert.All(sources, s => Assert.Equal(s.Bytes, read.Records[(s.Input, s.File)]));
        File.WriteAllBytes(tmp["out/" + RecordSnapshot.RelativePath], bytes[..^3]);
        Assert.Null(RecordSnapshot.Read(tmp["out"]));
        Assert.Null(RecordSnapshot.Read(tmp["nowhere"]));
    }
}
