namespace ImgEda.Merge.Tests;

public class RecordIndexTests
{
    [Fact]
    public void An_index_keeps_any_name_and_a_damaged_one_or_one_of_another_format_is_not_used()
    {
        using var tmp = new TempDir();
        RecordIndex.RecordFile[] files =
        [
            new("hash", "odd\nname\twith \"quotes\" é.json", "images/odd\nname", false),
            new("analyze", "broken.json", null, true),
            new("analyze", "not-a-record.json", null, false),
        ];
        var bytes = RecordIndex.Write(["hash", "analyze"], files);
        Directory.CreateDirectory(tmp["out/.imgeda/merge"]);
        File.WriteAllBytes(tmp["out/" + RecordIndex.RelativePath], bytes);
        var read = RecordIndex.Read(tmp["out"])!;
        Assert.Equal(["analyze", "hash"], read.Inputs);
        var sorted = files
            .OrderBy(f => f.Input, StringComparer.Ordinal)
            .ThenBy(f => f.File, StringComparer.Ordinal);
        Assert.Equal(sorted, read.Files);

        File.WriteAllBytes(tmp["out/" + RecordIndex.RelativePath], bytes[..^3]);
        Assert.Null(RecordIndex.Read(tmp["out"]));
        File.WriteAllText(tmp["out/" + RecordIndex.RelativePath],
            """{"format":"imgeda-merge-index 0","inputs":[],"files":[]}""");
        Assert.Null(RecordIndex.Read(tmp["out"]));
        Assert.Null(RecordIndex.Read(tmp["nowhere"]));
    }
}
