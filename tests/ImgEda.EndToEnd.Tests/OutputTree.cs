namespace ImgEda.EndToEnd.Tests;

/// <summary>Every file under an output folder, by relative path, with its bytes.</summary>
internal static class OutputTree
{
    public static SortedDictionary<string, byte[]> Read(string dir) =>
        new(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes), StringComparer.Ordinal);

    public static void AssertIdentical(
        SortedDictionary<string, byte[]> expected,
        SortedDictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        var differing = expected.Keys.Where(k => !expected[k].AsSpan().SequenceEqual(actual[k])).ToList();
        Assert.Empty(differing);
    }

    /// <summary>Copies files into a folder keeping their modification times (analyze records them).</summary>
    public static void CopyInto(string dir, IEnumerable<string> files)
    {
        Directory.CreateDirectory(dir);
        foreach (var f in files)
        {
            var target = Path.Combine(dir, Path.GetFileName(f));
            File.Copy(f, target);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(f));
        }
    }
}
