using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ImgEda.Merge;

/// <summary>Leakage across splits: the exact and near-duplicate groups (as <see cref="DuplicateFinder"/> made them)
/// whose members sit in more than one split (a test image that is also, or nearly, in train). Images with no split
/// take no part: a group spans the splits its members name.</summary>
public static class SplitLeakage
{
    public static LeakageReport Find(IReadOnlyList<ManifestLine> images, DuplicateReport duplicates)
    {
        var splits = new Dictionary<string, string?>(images.Count, StringComparer.Ordinal);
        foreach (var image in images) splits[image.Key] = image.Split;
        LeakedGroup? Leaked(IReadOnlyList<string> paths, int distance, string? sha256)
        {
            var of = paths.Select(p => splits.GetValueOrDefault(p)).ToList();
            return of.OfType<string>().Distinct(StringComparer.Ordinal).Count() > 1
                ? new LeakedGroup(sha256, paths, of, distance)
                : null;
        }
        var exact = duplicates.Exact.Select(g => Leaked(g.Paths, 0, g.Sha256)).OfType<LeakedGroup>().ToList();
        var near = duplicates.Near.Select(g => Leaked(g.Paths, g.MaxDistance, null)).OfType<LeakedGroup>().ToList();
        return new LeakageReport(exact, near, duplicates.Threshold);
    }

    /// <summary>summary.json's "leakage": groups, leaked images (members of a leaking group that have a split) and
    /// their share of all images, and per pair of splits present ("train-test") the images of either split in a
    /// group that spans both.</summary>
    public static JsonObject Summary(LeakageReport leakage, IReadOnlyList<ManifestLine> images)
    {
        var groups = leakage.Exact.Concat(leakage.Near).ToList();
        var leaked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
            for (var i = 0; i < group.Paths.Count; i++)
                if (group.Splits[i] is not null) leaked.Add(group.Paths[i]);
        var present = DatasetLayout.SplitOrder.Where(s => images.Any(e => e.Split == s)).ToList();
        var pairs = new JsonObject();
        for (var a = 0; a < present.Count; a++)
            for (var b = a + 1; b < present.Count; b++)
            {
                var (first, second) = (present[a], present[b]);
                var members = new HashSet<string>(StringComparer.Ordinal);
                foreach (var group in groups.Where(g => g.Splits.Contains(first) && g.Splits.Contains(second)))
                    for (var i = 0; i < group.Paths.Count; i++)
                        if (group.Splits[i] == first || group.Splits[i] == second) members.Add(group.Paths[i]);
                pairs[$"{first}-{second}"] = members.Count;
            }
        return new JsonObject
        {
            ["exact_groups"] = leakage.Exact.Count,
            ["near_groups"] = leakage.Near.Count,
            ["leaked_images"] = leaked.Count,
            ["leaked_pct"] = images.Count == 0 ? 0 : Math.Round(100.0 * leaked.Count / images.Count, 2),
            ["by_split_pair"] = pairs,
        };
    }
}

/// <param name="Paths">The members, "input/path" as in duplicates.json.</param>
/// <param name="Splits">Each member's split (null when it has none), in the order of <paramref name="Paths"/>.</param>
/// <param name="Distance">0 for byte-identical copies; for a near group its largest pHash distance.</param>
public sealed record LeakedGroup(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sha256,
    IReadOnlyList<string> Paths, IReadOnlyList<string?> Splits, int Distance);

/// <summary>leakage.json: the groups of duplicates.json that span more than one split.</summary>
public sealed record LeakageReport(IReadOnlyList<LeakedGroup> Exact, IReadOnlyList<LeakedGroup> Near, int Threshold);
