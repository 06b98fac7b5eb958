using System.Text.Json.Nodes;

namespace ImgEda.Merge;

/// <summary>summary.json: counts and percentages of every flag, format / colour-mode / size distributions,
/// duplicates.</summary>
public static class DatasetSummary
{
    public static readonly string[] Flags =
    [
        "is_corrupt", "is_truncated", "is_unsupported", "is_dark", "is_overexposed", "is_blank", "is_blurry",
        "has_border_artifact",
        "extension_mismatch", "is_low_texture",
    ];

    public static JsonObject Build(IReadOnlyList<ManifestLine> entries, DuplicateReport duplicates)
    {
        var total = entries.Count;
        double Pct(int n) => total == 0 ? 0 : Math.Round(100.0 * n / total, 2);

        var flags = new JsonObject();
        foreach (var flag in Flags)
        {
            var n = entries.Count(e => e.Flag(flag));
            flags[flag] = new JsonObject { ["count"] = n, ["pct"] = Pct(n) };
        }
        var aspect = entries
            .Select(e => e.AspectRatio)
            .OfType<double>()
            .Where(a => a > 0)
            .Select(a => Math.Max(a, 1 / a))
            .ToList();
        return new JsonObject
        {
            ["images_total"] = total,
            ["images_decoded"] = entries.Count(e => e.Decoded),
            ["flags"] = flags,
            ["formats"] = Distribution(entries.Select(e => e.Format)),
            ["color_modes"] = Distribution(entries.Select(e => e.ColorMode)),
            ["channels"] = Distribution(entries.Select(e => e.Channels)),
            ["width"] = Quantiles(entries.Select(e => e.Width)),
            ["height"] = Quantiles(entries.Select(e => e.Height)),
            ["megapixels"] = Quantiles(entries.Select(e => e.Megapixels)),
            ["file_size_bytes"] = Quantiles(entries.Select(e => e.FileSizeBytes)),
            ["max_aspect_ratio"] = aspect.Count == 0 ? null : Math.Round(aspect.Max(), 4),
            ["duplicates"] = new JsonObject
            {
                ["threshold"] = duplicates.Threshold,
                ["exact_groups"] = duplicates.Exact.Count,
                ["exact_redundant_images"] = duplicates.Exact.Sum(g => g.Paths.Count - 1),
                ["near_groups"] = duplicates.Near.Count,
                ["images_in_near_groups"] = duplicates.Near.Sum(g => g.Paths.Count),
                ["redundant_images"] = duplicates.RedundantImages,
                ["duplicate_pct"] = Pct(duplicates.RedundantImages),
                ["largest_group"] = duplicates.Near.Count == 0 ? 0 : duplicates.Near.Max(g => g.Paths.Count),
            },
        };
    }

    private static JsonObject Distribution(IEnumerable<string?> values)
    {
        var counts = values.GroupBy(v => v ?? "unknown")
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
        var result = new JsonObject();
        foreach (var g in counts) result[g.Key] = g.Count();
        return result;
    }

    private static JsonObject? Quantiles(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToArray();
        if (sorted.Length == 0) return null;
        double At(double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
        return new JsonObject
        {
            ["min"] = sorted[0],
            ["p25"] = At(0.25),
            ["median"] = At(0.5),
            ["p75"] = At(0.75),
            ["max"] = sorted[^1],
        };
    }
}
