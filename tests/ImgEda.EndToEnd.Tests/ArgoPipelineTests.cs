using System.Text.Json.Nodes;

namespace ImgEda.EndToEnd.Tests;

/// <summary>pipelines/argo: valid against the vendored schemas (strictly), and the WorkflowTemplate's own commands,
/// run on this machine with artifacts laid out as the workflow lays them out, produce the report; a second run after
/// one more image recomputes only that image's shard.</summary>
public class ArgoPipelineTests
{
    private static string Argo(string file) => Path.Combine(RepoPaths.Root, "pipelines", "argo", file);

    [Fact]
    public void Every_argo_file_is_valid_and_a_misspelled_field_is_not()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "pipelines", "argo"), "*.yaml");
        Assert.Equal(3, files.Length);
        SpecValidation.AssertValid(files);
        SpecValidation.AssertEditIsRejected(Argo("imgeda-workflowtemplate.yaml"), "memoize:", "memoise:");
    }

    [Fact]
    public void Image_names_and_tags_are_the_ones_make_images_builds()
    {
        var vars = SpecValidation.ImageNames();
        var template = File.ReadAllText(Argo("imgeda-workflowtemplate.yaml"));
        Assert.Contains($"name: image-prefix\n        value: {vars["IMAGE_PREFIX"]}", template);
        Assert.Contains($"name: version\n        value: {vars["IMAGE_TAG"]}", template);
    }

    [Fact]
    public void The_template_runs_the_chain_and_a_new_image_recomputes_one_shard()
    {
        using var tmp = new TempDir();
        var images = Directory.CreateDirectory(tmp["bucket/images"]).FullName;
        foreach (var f in RepoPaths.SampleFiles.Concat(BadInputs.Files)) File.Copy(f, Path.Combine(images, Path.GetFileName(f)));
        var argo = new ArgoWorkflowRunner(Argo("imgeda-workflowtemplate.yaml"), tmp["bucket"]);

        argo.Submit("imgeda-1", new Dictionary<string, string> { ["shards"] = "3" });
        Assert.Equal(1 + 3 * 4 + 3, argo.Executed.Count); // list-shards, 4 steps x 3 shards, merge, gate, plot
        Assert.Contains(argo.Executed, e => e.StartsWith("analyze --pfs /pfs --shard 2/3"));
        Assert.Equal(2, argo.ExitCodes["gate"]); // the bad inputs break the default policy; plot still runs
        var merge = tmp["bucket/imgeda/state/latest/merge"];
        var count = RepoPaths.SampleFiles.Count + BadInputs.Files.Count;
        Assert.Equal(count + 1, File.ReadAllLines(Path.Combine(merge, "manifest.jsonl")).Length);
        Assert.True(File.Exists(tmp["bucket/imgeda/state/runs/imgeda-1/plot/report.html"]));
        var manifest = File.ReadAllLines(Path.Combine(merge, "manifest.jsonl")).Skip(1).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(manifest.Where(r => r["pixel_stats"] is JsonObject), r => Assert.NotNull((string?)r["thumbnail"]));

        File.Copy(RepoPaths.PhotoFiles[0], Path.Combine(images, "new-photo.jpg"));
        argo.Submit("imgeda-2", new Dictionary<string, string> { ["shards"] = "3" });
        var perImage = argo.Executed.Where(e => e.Split(' ')[0] is "analyze" or "hash" or "thumbs" or "edges").ToList();
        Assert.Equal(4, perImage.Count); // one shard changed: its four steps; the other shards were memoized
        var diff = JsonNode.Parse(File.ReadAllText(Path.Combine(merge, "diff.json")))!;
        Assert.Equal(["images/new-photo.jpg"], diff["added"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(count, (int)diff["unchanged_count"]!);
    }
}
