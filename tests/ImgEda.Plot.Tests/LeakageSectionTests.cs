using System.Text.Json.Nodes;
using ImgEda.Core.Running;
using ImgEda.Merge;

namespace ImgEda.Plot.Tests;

/// <summary>The report's layout and leakage sections over merge's output for a small dataset in splits and class
/// folders, thumbnails included.</summary>
public class LeakageSectionTests
{
    private static string Merged(TempDir tmp, params (string Path, string Sha, string Phash)[] images)
    {
        foreach (var (path, sha, phash) in images)
        {
            var file = tmp[$"pfs/hash/images/{path}.json"];
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, new JsonObject
            {
                ["input"] = "images", ["path"] = path, ["sha256"] = sha, ["phash"] = phash, ["is_low_texture"] = false,
            }.ToJsonString());
            var thumbnail = tmp[$"pfs/thumbs/images/{path}.jpg"];
            Directory.CreateDirectory(Path.GetDirectoryName(thumbnail)!);
            File.WriteAllBytes(thumbnail, [1]);
        }
        Directory.CreateDirectory(tmp["pfs/thumbs/.imgeda/thumbs"]);
        var context = new DatasetContext(tmp["pfs"], [], null, StepLog.ToStderr("merge", false));
        Assert.Equal(0, new MergeRunner(context, 8).Run());
        var merge = tmp["pfs/out"];
        var page = new ReportPage
        {
            Entries = ManifestWriter.Images(ManifestWriter.ReadLines(Path.Combine(merge, "manifest.jsonl"))),
            Summary = Json(Path.Combine(merge, "summary.json")),
            Leakage = Json(Path.Combine(merge, "leakage.json")),
            Charts = [],
            // The thumbnail's own path stands for its data: URI.
            Thumbnail = path => $"data:image/jpeg;base64,{path}",
        };
        return page.Render();
    }

    private static JsonObject Json(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {id} section");
        return html[start..(html.IndexOf("</section>", start, StringComparison.Ordinal) + "</section>".Length)];
    }

    [Fact]
    public void Leaked_images_are_shown_with_their_split_and_thumbnail_and_the_layout_as_a_table()
    {
        using var tmp = new TempDir();
        var html = Merged(tmp,
            ("train/cat/a.jpg", "s1", "0123456789abcdef"), ("test/cat/a-copy.jpg", "s1", "0123456789abcdef"),
            ("train/dog/b.jpg", "s2", "f0f0f0f0f0f0f0f0"), ("train/dog/b2.jpg", "s3", "f0f0f0f0f0f0f0f1"),
            ("val/dog/c.jpg", "s4", "00ff00ff00ff00ff"));
        var leakage = Section(html, "leakage");
        Assert.Contains("Leakage across splits (2 images, 40%)", leakage);
        Assert.Contains("train-test: 2 images", leakage);
        Assert.Contains("<b>test</b> images/test/cat/a-copy.jpg", leakage);
        Assert.Contains("<b>train</b> images/train/cat/a.jpg", leakage);
        Assert.Contains("data:image/jpeg;base64,thumbs/images/test/cat/a-copy.jpg.jpg", leakage);
        Assert.DoesNotContain("b2.jpg", leakage); // a duplicate inside one split is no leak
        var layout = Section(html, "layout");
        Assert.Contains("Dataset layout: classification-with-splits", layout);
        Assert.Contains("<tr><td>dog</td><td>2</td><td>1</td><td>0</td><td>3</td></tr>", layout);
        Assert.Contains("<div class=\"card bad\"><b>2</b><span>leaked across splits</span></div>", html);
    }

    [Fact]
    public void A_flat_dataset_names_its_layout_and_has_no_leakage_section()
    {
        using var tmp = new TempDir();
        var html = Merged(tmp, ("a.jpg", "s1", "0123456789abcdef"), ("a-copy.jpg", "s1", "0123456789abcdef"));
        Assert.Contains("No split folders", Section(html, "layout"));
        Assert.DoesNotContain("id=\"leakage\"", html);
        Assert.DoesNotContain("leaked across splits", html);
    }
}
