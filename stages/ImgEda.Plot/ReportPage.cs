using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImgEda.Merge;
using ImgEda.Plot.Charts;
using ImgEda.Plot.Rendering;

namespace ImgEda.Plot;

/// <summary>report.html: one self-contained page (a Content-Security-Policy forbids every request, images are data:
/// URIs) with stat cards, the gate verdict, the diff, every chart, a sortable and filterable table of flagged images
/// and the duplicate groups with their thumbnails. Large datasets are capped and paged, and the page says so.
/// Charts are embedded as their PNGs, which look the same in every browser (ScottPlot's SVG places each glyph for
/// the font it measured, so another font in the browser would garble it); the SVGs are links to plots/.</summary>
public sealed class ReportPage
{
    public const int MaxFlaggedRows = 20_000, MaxRowThumbnails = 1_000, MaxGroups = 100, MaxGroupThumbnails = 8,
        MaxDiffItems = 50;

    public required IReadOnlyList<ManifestLine> Entries { get; init; }
    public required JsonObject Summary { get; init; }
    public JsonObject? Duplicates { get; init; }
    /// <summary>merge's leakage.json: duplicate groups that span splits.</summary>
    public JsonObject? Leakage { get; init; }
    public JsonObject? Diff { get; init; }
    public JsonObject? Verdict { get; init; }
    public required IReadOnlyList<RenderedChart> Charts { get; init; }
    /// <summary>The data: URI of a thumbnail path as merge recorded it, or null when it cannot be found.</summary>
    public required Func<string, string?> Thumbnail { get; init; }
    public string CreatedAt { get; init; } =
        DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    private const string Head =
        "<!DOCTYPE html>\n"
        + "<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        + "img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>Image dataset report</title>\n"
        + "<style>\n"
        + "body{font-family:DejaVu Sans,Arial,sans-serif;margin:0;background:#f4f5f7;color:#222}\n"
        + "header{background:#1f2d3d;color:#fff;padding:16px 28px}"
        + "header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#c8d0da}\n"
        + "main{padding:16px 28px}section{background:#fff;border-radius:8px;"
        + "padding:16px 20px;margin:0 0 16px;box-shadow:0 1px 2px #0001}\n"
        + "h2{font-size:17px;margin:0 0 12px}.cards{display:flex;flex-wrap:wrap;gap:12px}\n"
        + ".card{background:#fff;border-radius:8px;padding:12px 16px;min-width:130px;box-shadow:0 1px 2px #0001}\n"
        + ".card b{display:block;font-size:24px}.card span{color:#666;"
        + "font-size:13px}.bad b{color:#c0392b}.good b{color:#1e8449}\n"
        + ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:12px}\n"
        + ".chart{margin:0}.chart img{width:100%;height:auto;border:1px solid #eee;display:block}\n"
        + ".chart figcaption{font-size:12px;color:#666;text-align:right;padding:2px 4px}.chart a{color:#2a5d8f}\n"
        + "table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:5px 8px;"
        + "border-bottom:1px solid #eee;text-align:left;vertical-align:middle}\n"
        + "th{cursor:pointer;background:#fafafa;user-select:none}"
        + "th.sorted::after{content:\" \\2195\"}td img{max-width:64px;max-height:64px}\n"
        + ".flag{display:inline-block;background:#fdecea;color:#922;"
        + "border-radius:4px;padding:1px 6px;margin:1px;font-size:12px}\n"
        + ".pass{color:#1e8449;font-weight:bold}.fail{color:#c0392b;font-weight:bold}.note{color:#666;font-size:13px}\n"
        + ".group{display:flex;gap:8px;flex-wrap:wrap;"
        + "align-items:flex-start;border-bottom:1px solid #eee;padding:8px 0}\n"
        + ".group figure{margin:0;width:110px;font-size:11px;word-break:break-all}"
        + ".group img{max-width:100px;max-height:100px;display:block}\n"
        + "input,select,button{font:inherit;padding:4px 8px}\n"
        + "</style></head><body>";

    public string Render()
    {
        var page = new StringBuilder();
        page.Append(Head);
        var total = (int?)Summary["images_total"] ?? Entries.Count;
        page.Append($"<header><h1>Image dataset report</h1><p>{total:N0} images · " +
            $"generated {Html.Encode(CreatedAt)} by imgeda-plot</p></header><main>");
        Cards(page);
        GateSection(page);
        DiffSection(page);
        LayoutSection.Render(page, Summary);
        LeakageSection.Render(page, Summary, Leakage, ThumbnailOfImage);
        page.Append("<section id=\"charts\"><h2>Charts</h2><div class=\"charts\">");
        if (Charts.Count == 0) page.Append("<p class=\"note\">No charts: the manifest holds no image.</p>");
        foreach (var chart in Charts) Chart(page, chart);
        page.Append("</div></section>");
        FlaggedSection(page);
        GroupsSection(page);
        page.Append("</main>");
        page.Append(Script);
        page.Append("</body></html>\n");
        return page.ToString();
    }

    private static void Chart(StringBuilder page, RenderedChart chart)
    {
        var (name, title) = (Html.Encode(chart.Name), Html.Encode(chart.Title));
        page.Append($"<figure class=\"chart\" id=\"chart-{name}\"><img src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(chart.Png))
            .Append($"\" width=\"{ChartStyle.Width}\" height=\"{ChartStyle.Height}\" alt=\"{title}\">")
            .Append($"<figcaption><a href=\"plots/{name}.svg\" download>SVG</a> · ")
            .Append($"<a href=\"plots/{name}.png\" download>PNG</a>")
            .Append("</figcaption></figure>");
    }

    private void Cards(StringBuilder page)
    {
        double Pct(string flag) => (double?)Summary["flags"]?[flag]?["pct"] ?? 0;
        var cards = new List<(string Value, string Label, bool? Good)>
        {
            (((int?)Summary["images_total"] ?? 0).ToString("N0", CultureInfo.InvariantCulture), "images", null),
            (((int?)Summary["images_decoded"] ?? 0).ToString("N0", CultureInfo.InvariantCulture), "decoded", null),
            ($"{Pct("is_corrupt")}%", "corrupt or truncated", Pct("is_corrupt") == 0),
            ($"{(double?)Summary["duplicates"]?["duplicate_pct"] ?? 0}%", "redundant (near-)duplicates", null),
            ($"{Pct("is_dark")}%", "dark", null),
            ($"{Pct("is_overexposed")}%", "overexposed", null),
            ($"{Pct("is_blurry")}%", "blurry", null),
            ($"{Pct("has_border_artifact")}%", "border artifacts", null),
            ((Summary["formats"] as JsonObject)?.Count.ToString(CultureInfo.InvariantCulture) ?? "0", "formats", null),
        };
        if ((string?)Summary["layout"] is { } layout) cards.Add((layout, "layout", null));
        if (Summary["leakage"] is JsonObject { } leakage && leakage["by_split_pair"] is JsonObject { Count: > 0 }
            && (int?)leakage["leaked_images"] is { } leaked)
            cards.Add((leaked.ToString("N0", CultureInfo.InvariantCulture), "leaked across splits", leaked == 0));
        if (Verdict is not null)
        {
            var passed = (bool?)Verdict["passed"] == true;
            cards.Insert(0, (passed ? "PASS" : "FAIL", "policy gate", passed));
        }
        page.Append("<section class=\"cards\" id=\"cards\">");
        foreach (var (value, label, good) in cards)
        {
            var cardClass = good is null ? "" : good.Value ? " good" : " bad";
            page.Append($"<div class=\"card{cardClass}\"><b>{Html.Encode(value)}</b>" +
                $"<span>{Html.Encode(label)}</span></div>");
        }
        page.Append("</section>");
    }

    private void GateSection(StringBuilder page)
    {
        if (Verdict?["checks"] is not JsonArray checks) return;
        page.Append("<section id=\"gate\"><h2>Policy gate</h2>" +
            "<table><tr><th>check</th><th>value</th><th>limit</th><th>result</th></tr>");
        foreach (var c in checks)
        {
            var passed = (bool?)c?["passed"] == true;
            var name = Html.Encode((string?)c?["name"] ?? "");
            var value = Html.Encode(c?["value"]?.ToJsonString() ?? "n/a");
            var limit = Html.Encode(c?["limit"]?.ToJsonString() ?? "");
            var resultClass = passed ? "pass" : "fail";
            var result = passed ? "pass" : "FAIL";
            page.Append($"<tr><td>{name}</td><td>{value}</td><td>{limit}</td>" +
                $"<td class=\"{resultClass}\">{result}</td></tr>");
        }
        page.Append("</table></section>");
    }

    private void DiffSection(StringBuilder page)
    {
        if (Diff is null) return;
        var added = Diff["added"] as JsonArray ?? [];
        var removed = Diff["removed"] as JsonArray ?? [];
        var changed = Diff["changed"] as JsonArray ?? [];
        var unchanged = (int?)Diff["unchanged_count"] ?? 0;
        page.Append($"<section id=\"diff\"><h2>Since the previous commit</h2><p>{added.Count:N0} added · " +
            $"{removed.Count:N0} removed · {changed.Count:N0} changed · {unchanged:N0} unchanged</p>");
        void List(string title, IEnumerable<string> items, int count)
        {
            if (count == 0) return;
            var cap = count > MaxDiffItems ? $", first {MaxDiffItems} shown" : "";
            page.Append($"<details><summary>{Html.Encode(title)} ({count:N0}{cap})</summary><ul>");
            foreach (var item in items.Take(MaxDiffItems)) page.Append($"<li>{Html.Encode(item)}</li>");
            page.Append("</ul></details>");
        }
        List("added", added.Select(a => (string?)a ?? ""), added.Count);
        List("removed", removed.Select(a => (string?)a ?? ""), removed.Count);
        static string ChangedItem(JsonNode? c)
        {
            var fields = (c?["fields"] as JsonArray ?? []).Select(f => (string?)f);
            return $"{(string?)c?["path"]}: {string.Join(", ", fields)}";
        }
        List("changed", changed.Select(ChangedItem), changed.Count);
        page.Append("</section>");
    }

    private void FlaggedSection(StringBuilder page)
    {
        var flagged = Entries.Where(e => DatasetSummary.Flags.Any(e.Flag) || e.Error is not null).ToList();
        // Rows side by side (each reads its thumbnail from disk).
        var rows = new JsonNode?[Math.Min(flagged.Count, MaxFlaggedRows)];
        Parallel.For(0, rows.Length, i =>
        {
            var e = flagged[i];
            rows[i] = new JsonObject
            {
                ["path"] = e.Key,
                ["flags"] = new JsonArray([.. DatasetSummary.Flags.Where(e.Flag).Select(f => (JsonNode)f)]),
                ["format"] = e.Format,
                ["size"] = e.Width is { } w ? $"{w}x{e.Height}" : null,
                ["brightness"] = e.MeanBrightness,
                ["blur"] = e.BlurScore,
                ["motion"] = e.MotionBlur,
                ["bands"] = e.BorderBands,
                ["error"] = e.Error,
                ["thumb"] = i < MaxRowThumbnails && e.Thumbnail is { } t ? Thumbnail(t) : null,
            };
        });
        page.Append($"<section id=\"flagged\"><h2>Flagged images ({flagged.Count:N0})</h2>");
        if (flagged.Count > MaxFlaggedRows)
            page.Append($"<p class=\"note\">The table holds the first {MaxFlaggedRows:N0} of {flagged.Count:N0} " +
                "flagged images; manifest.csv has them all.</p>");
        if (flagged.Count > MaxRowThumbnails)
            page.Append($"<p class=\"note\">Thumbnails are shown for the first {MaxRowThumbnails:N0} rows, " +
                "to keep the page light.</p>");
        page.Append("""
            <p><input id="filter" placeholder="filter by path, flag, format or error" size="40">
            <select id="flag"><option value="">every flag</option>
            """);
        foreach (var f in DatasetSummary.Flags) page.Append($"<option>{f}</option>");
        page.Append("""
            </select> <span id="count" class="note"></span></p>
            <table id="flagged-table"><thead><tr><th>thumbnail</th><th data-key="path">path</th>
            """);
        page.Append("""<th data-key="flags">flags</th><th data-key="format">format</th>""" + "\n");
        page.Append("""
            <th data-key="size">size</th><th data-key="brightness">brightness</th><th data-key="blur">blur</th>
            <th data-key="motion">motion blur</th><th data-key="bands">border bands</th><th data-key="error">error</th>
            </tr></thead><tbody></tbody></table>
            <p><button id="prev">previous</button> <span id="page"></span> <button id="next">next</button></p>
            """);
        page.Append("<script type=\"application/json\" id=\"flagged-data\">")
            .Append(JsonSafe(new JsonArray(rows)))
            .Append("</script></section>");
    }

    /// <summary>The data: URI of the thumbnail of the image "input/path", or null.</summary>
    private string? ThumbnailOfImage(string key)
    {
        _thumbnails ??= Entries.Where(e => e.Thumbnail is not null)
            .ToDictionary(e => e.Key, e => e.Thumbnail!, StringComparer.Ordinal);
        return _thumbnails.TryGetValue(key, out var path) ? Thumbnail(path) : null;
    }

    private Dictionary<string, string>? _thumbnails;

    private void GroupsSection(StringBuilder page)
    {
        var groups = Duplicates?["near"] as JsonArray ?? [];
        var thumbnails = Entries
            .Where(e => e.Thumbnail is not null)
            .ToDictionary(e => e.Key, e => e.Thumbnail!, StringComparer.Ordinal);
        var threshold = (int?)Duplicates?["threshold"] ?? 0;
        page.Append($"<section id=\"duplicates\"><h2>Duplicate groups ({groups.Count:N0}, " +
            $"pHash distance ≤ {threshold})</h2>");
        if (groups.Count == 0) page.Append("<p>No duplicates found.</p>");
        if (groups.Count > MaxGroups)
            page.Append($"<p class=\"note\">The {MaxGroups} largest of {groups.Count:N0} groups; " +
                "duplicates.json has them all.</p>");
        var shown = groups.OrderByDescending(g => g!["paths"]!.AsArray().Count).Take(MaxGroups)
            .Select(g => (Group: g!, Paths: g!["paths"]!.AsArray().Select(p => (string)p!).ToList())).ToList();
        var uris = new System.Collections.Concurrent.ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        var shownPaths = shown
            .SelectMany(g => g.Paths.Take(MaxGroupThumbnails))
            .Distinct();
        Parallel.ForEach(shownPaths, path =>
            uris[path] = thumbnails.TryGetValue(path, out var thumbnail) ? Thumbnail(thumbnail) : null);
        foreach (var (group, paths) in shown)
        {
            // Members that are a mirror image of the first (duplicates.json's "mirrored"; absent before merge 2).
            var mirrored = (group["mirrored"] as JsonArray ?? []).Select(p => (string?)p)
                .ToHashSet(StringComparer.Ordinal);
            var flipped = mirrored.Count == 0 ? "" : $", {mirrored.Count} mirrored (flipped left to right)";
            page.Append($"<div class=\"group\"><div class=\"note\">{paths.Count} images, max distance " +
                $"{(int?)group["max_distance"]}{flipped}</div>");
            foreach (var path in paths.Take(MaxGroupThumbnails))
            {
                var uri = uris[path];
                var mark = mirrored.Contains(path) ? "<span class=\"flag\">mirrored</span> " : "";
                page.Append("<figure>")
                    .Append(uri is null ? "<div class=\"note\">no thumbnail</div>" : $"<img src=\"{uri}\" alt=\"\">")
                    .Append($"<figcaption>{mark}{Html.Encode(path)}</figcaption></figure>");
            }
            if (paths.Count > MaxGroupThumbnails)
                page.Append($"<div class=\"note\">and {paths.Count - MaxGroupThumbnails} more</div>");
            page.Append("</div>");
        }
        page.Append("</section>");
    }

    /// <summary>JSON that cannot end the script element it sits in.</summary>
    private static string JsonSafe(JsonNode node) =>
        node.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default });

    private const string Script =
        """
        <script>
        (function () {
          const rows = JSON.parse(document.getElementById('flagged-data').textContent);
          const body = document.querySelector('#flagged-table tbody');
          const pageSize = 100;
          let page = 0, sortKey = null, sortDir = 1, view = rows;
          const text = v => v === null || v === undefined ? '' : String(v);
        """ + "\n"
        + "  function cell(tr, value) { const td = document.createElement('td'); "
        + "td.textContent = text(value); tr.appendChild(td); return td; }\n"
        + """
          function apply() {
            const q = document.getElementById('filter').value.toLowerCase();
            const flag = document.getElementById('flag').value;
            view = rows.filter(r => (!flag || r.flags.includes(flag)) &&
              (!q || [r.path, r.flags.join(' '), r.format, r.error].some(v => text(v).toLowerCase().includes(q))));
            if (sortKey) view.sort((a, b) => {
              const x = a[sortKey], y = b[sortKey];
        """ + "\n"
        // Numbers within text compare as numbers: "8 px at 0°" before "24 px at 0°", "512x512" before "4000x3000".
        + "      const order = typeof x === 'number' && typeof y === 'number' ? x - y\n"
        + "        : text(x).localeCompare(text(y), undefined, { numeric: true });\n"
        + "      return order * sortDir;\n"
        + """
            });
            page = Math.min(page, Math.max(0, Math.ceil(view.length / pageSize) - 1));
            render();
          }
          function render() {
            body.replaceChildren();
            for (const r of view.slice(page * pageSize, (page + 1) * pageSize)) {
              const tr = document.createElement('tr');
              const td = document.createElement('td');
        """ + "\n"
        + "      if (r.thumb) { const img = document.createElement('img'); "
        + "img.src = r.thumb; img.alt = ''; td.appendChild(img); }\n"
        + """
              tr.appendChild(td);
              cell(tr, r.path);
              const flags = document.createElement('td');
        """ + "\n"
        + "      for (const f of r.flags) { const s = document.createElement('span'); "
        + "s.className = 'flag'; s.textContent = f; flags.appendChild(s); }\n"
        + """
              tr.appendChild(flags);
              cell(tr, r.format); cell(tr, r.size); cell(tr, r.brightness); cell(tr, r.blur); cell(tr, r.motion);
              cell(tr, r.bands);
              cell(tr, r.error);
              body.appendChild(tr);
            }
            const pages = Math.max(1, Math.ceil(view.length / pageSize));
            document.getElementById('page').textContent = 'page ' + (page + 1) + ' of ' + pages;
            document.getElementById('count').textContent = view.length + ' of ' + rows.length + ' rows';
            document.body.dataset.rows = String(body.children.length);
          }
          document.getElementById('filter').addEventListener('input', () => { page = 0; apply(); });
          document.getElementById('flag').addEventListener('change', () => { page = 0; apply(); });
          document.getElementById('prev').addEventListener('click', () => { if (page > 0) { page--; render(); } });
        """ + "\n"
        + "  document.getElementById('next').addEventListener('click', () => { "
        + "if ((page + 1) * pageSize < view.length) { page++; render(); } });\n"
        + "  for (const th of document.querySelectorAll('#flagged-table th[data-key]')) "
        + "th.addEventListener('click', () => {\n"
        + """
            sortDir = sortKey === th.dataset.key ? -sortDir : 1; sortKey = th.dataset.key;
            document.querySelectorAll('#flagged-table th').forEach(h => h.classList.toggle('sorted', h === th));
            apply();
          });
          apply();
          // After the charts are decoded: how many there are, and how many the browser drew at a visible size.
          window.addEventListener('load', () => {
            const charts = [...document.querySelectorAll('#charts img')];
            document.body.dataset.charts = String(charts.length);
            const shown = charts.filter(c => c.naturalWidth > 0 && c.offsetWidth > 0);
            document.body.dataset.chartsShown = String(shown.length);
            document.body.dataset.ready = 'true';
          });
        })();
        </script>
        """;
}
