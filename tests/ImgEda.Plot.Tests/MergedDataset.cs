using ImgEda.Core.Running;
using ImgEda.Merge;

namespace ImgEda.Plot.Tests;

/// <summary>merge's output over SyntheticRecords, as plot reads it: &lt;pfs&gt;/merge/manifest.jsonl and the
/// rest.</summary>
public static class MergedDataset
{
    /// <summary>A /pfs root for plot under <paramref name="tmp"/>, whose input "merge" holds <paramref name="count"/>
    /// made-up images merged.</summary>
    public static string Pfs(TempDir tmp, int count, int seed = 7)
    {
        var records = tmp["records"];
        SyntheticRecords.Write(records, count, seed);
        var context = new DatasetContext(records, [], null, StepLog.ToStderr("merge", false));
        Assert.Equal(0, new MergeRunner(context, 8).Run());
        Directory.CreateDirectory(tmp["plot-pfs"]);
        Directory.Move(Path.Combine(records, "out"), tmp["plot-pfs/merge"]);
        return tmp["plot-pfs"];
    }

    public static IReadOnlyList<ManifestLine> Entries(string pfs) =>
        ManifestWriter.Images(ManifestWriter.ReadLines(Path.Combine(pfs, "merge", "manifest.jsonl")));
}
