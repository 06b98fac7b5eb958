using System.Text.Json.Nodes;

namespace ImgEda.Merge;

/// <summary>The part of summary.json about the dataset's layout: its name, images per split, per label and per label
/// in each split (images with no split or label are not counted there), and the leakage across splits.</summary>
public static class LayoutSummary
{
    public static void AddTo(JsonObject summary, DatasetLayout layout, IReadOnlyList<ManifestLine> images,
        LeakageReport leakage)
    {
        summary["layout"] = layout.Name;
        summary["splits"] = Counts(images.Select(e => e.Split).OfType<string>(), SplitRank);
        summary["labels"] = Counts(images.Select(e => e.Label).OfType<string>(), null);
        var perSplit = new JsonObject();
        foreach (var split in images.Where(e => e.Split is not null && e.Label is not null).GroupBy(e => e.Split!)
                     .OrderBy(g => SplitRank(g.Key)))
            perSplit[split.Key] = Counts(split.Select(e => e.Label!), null);
        summary["labels_per_split"] = perSplit;
        summary["leakage"] = SplitLeakage.Summary(leakage, images);
    }

    private static int SplitRank(string split) => Array.IndexOf(DatasetLayout.SplitOrder, split);

    /// <summary>Counts by value: splits in their usual order, labels by name (ordinal, so it reads the same
    /// everywhere).</summary>
    private static JsonObject Counts(IEnumerable<string> values, Func<string, int>? rank)
    {
        var groups = values.GroupBy(v => v, StringComparer.Ordinal);
        var ordered = rank is null
            ? groups.OrderBy(g => g.Key, StringComparer.Ordinal)
            : groups.OrderBy(g => rank(g.Key));
        var counts = new JsonObject();
        foreach (var g in ordered) counts[g.Key] = g.Count();
        return counts;
    }
}
