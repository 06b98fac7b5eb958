using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;

namespace ImgEda.Plot;

/// <summary>report.html's "Leakage across splits": the counts per pair of splits and each exact or near-duplicate
/// group of leakage.json whose members sit in more than one split, with thumbnails and each member's split.</summary>
public static class LeakageSection
{
    public const int MaxGroups = 100, MaxThumbnails = 8;

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <param name="thumbnail">The data: URI of an image's thumbnail by its "input/path", or null.</param>
    public static void Render(StringBuilder page, JsonObject summary, JsonObject? leakage,
        Func<string, string?> thumbnail)
    {
        // With fewer than two splits nothing can leak (the layout section says which splits there are).
        if (summary["leakage"] is not JsonObject counts) return;
        if (counts["by_split_pair"] is not JsonObject { Count: > 0 } pairs) return;
        var leaked = (int?)counts["leaked_images"] ?? 0;
        page.Append($"<section id=\"leakage\"><h2>Leakage across splits ({leaked:N0} images, ")
            .Append($"{(double?)counts["leaked_pct"] ?? 0}%)</h2>");
        var perPair = pairs.Select(p =>
            $"{Html.Encode(p.Key)}: {((int?)p.Value ?? 0).ToString("N0", CultureInfo.InvariantCulture)} images");
        page.Append("<p>").Append(string.Join(" · ", perPair)).Append("</p>");
        // A near group holds the exact copies too: the exact groups are shown only where no near group says more.
        var groups = (leakage?["near"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (groups.Count == 0) groups = (leakage?["exact"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (groups.Count == 0)
        {
            page.Append("<p>No image of one split is a copy or near duplicate of an image of another.</p></section>");
            return;
        }
        if (groups.Count > MaxGroups)
            page.Append($"<p class=\"note\">The {MaxGroups} largest of {groups.Count:N0} groups; ")
                .Append("leakage.json has them all.</p>");
        var shown = groups.OrderByDescending(g => Paths(g).Count).Take(MaxGroups).ToList();
        var uris = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        Parallel.ForEach(shown.SelectMany(g => Paths(g).Take(MaxThumbnails)).Distinct(), p => uris[p] = thumbnail(p));
        foreach (var group in shown)
        {
            var paths = Paths(group);
            var splits = (group["splits"] as JsonArray ?? []).Select(s => (string?)s).ToList();
            var distance = (int?)group["distance"] ?? 0;
            var spanned = string.Join(", ", splits.OfType<string>().Distinct());
            page.Append($"<div class=\"group leak\"><div class=\"note\">{paths.Count} images in ")
                .Append($"{Html.Encode(spanned)}, ")
                .Append(distance == 0 ? "identical pHashes" : $"pHash distance up to {distance}").Append("</div>");
            for (var i = 0; i < Math.Min(paths.Count, MaxThumbnails); i++)
            {
                var uri = uris[paths[i]];
                var split = i < splits.Count ? splits[i] ?? "no split" : "";
                page.Append("<figure>")
                    .Append(uri is null ? "<div class=\"note\">no thumbnail</div>" : $"<img src=\"{uri}\" alt=\"\">")
                    .Append($"<figcaption><b>{Html.Encode(split)}</b> {Html.Encode(paths[i])}</figcaption></figure>");
            }
            if (paths.Count > MaxThumbnails)
                page.Append($"<div class=\"note\">and {paths.Count - MaxThumbnails} more</div>");
            page.Append("</div>");
        }
        page.Append("</section>");
    }

    private static List<string> Paths(JsonObject group) =>
        (group["paths"] as JsonArray ?? []).Select(p => (string?)p ?? "").ToList();
}
