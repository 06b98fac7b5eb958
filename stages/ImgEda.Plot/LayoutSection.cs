using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using ImgEda.Merge;

namespace ImgEda.Plot;

/// <summary>report.html's "Dataset layout": the layout merge recognised in the paths and the images per split and
/// label (a table of labels by split when the dataset has both).</summary>
public static class LayoutSection
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static void Render(StringBuilder page, JsonObject summary)
    {
        // A summary from before splits were detected says nothing of the layout.
        if ((string?)summary["layout"] is not { } layout) return;
        var splits = summary["splits"] as JsonObject ?? [];
        var labels = summary["labels"] as JsonObject ?? [];
        page.Append($"<section id=\"layout\"><h2>Dataset layout: {Html.Encode(layout)}</h2>");
        if (splits.Count == 0 && labels.Count == 0)
        {
            page.Append("<p class=\"note\">No split folders (train, val, test) and no class folders in the paths.</p>")
                .Append("</section>");
            return;
        }
        var columns = splits.Select(s => s.Key).ToList();
        page.Append("<table><tr><th>label</th>");
        foreach (var split in columns) page.Append($"<th>{Html.Encode(split)}</th>");
        page.Append("<th>all</th></tr>");
        var perSplit = summary["labels_per_split"] as JsonObject ?? [];
        foreach (var (label, count) in labels)
        {
            page.Append($"<tr><td>{Html.Encode(label)}</td>");
            foreach (var split in columns) page.Append($"<td>{Number((int?)perSplit[split]?[label] ?? 0)}</td>");
            page.Append($"<td>{Number((int?)count ?? 0)}</td></tr>");
        }
        page.Append($"<tr><td><b>{(labels.Count == 0 ? "images" : "all labels")}</b></td>");
        foreach (var split in columns) page.Append($"<td><b>{Number((int?)splits[split] ?? 0)}</b></td>");
        page.Append($"<td><b>{Number((int?)summary["images_total"] ?? 0)}</b></td></tr></table>");
        var missing = DatasetLayout.SplitOrder.Where(s => !splits.ContainsKey(s)).ToList();
        if (missing.Count > 0 && splits.Count > 0)
            page.Append($"<p class=\"note\">No images in {Html.Encode(string.Join(", ", missing))}.</p>");
        page.Append("</section>");
    }

    private static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
