using System.Text.Json.Nodes;

namespace ImgEda.EndToEnd.Tests;

/// <summary>pipelines/pachyderm: valid pps v2 specs (the vendored schema, a real JSON Schema validator), naming the
/// images `make images` builds, and their commands behave under Pachyderm's datum environment.</summary>
public class PachydermSpecTests
{
    private static string Specs => Path.Combine(RepoPaths.Root, "pipelines", "pachyderm");
    private static readonly string[] Steps = ["edges", "analyze", "hash", "thumbs", "merge", "gate", "plot"];

    [Fact]
    public void Every_spec_is_valid_and_a_snake_case_field_is_not()
    {
        var files = Directory.GetFiles(Specs, "*.json").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Steps.Order(StringComparer.Ordinal), files.Select(Path.GetFileNameWithoutExtension));
        SpecValidation.AssertValid(files);
        SpecValidation.AssertEditIsRejected(Path.Combine(Specs, "edges.json"), "\"datumTries\"", "\"datum_tries\"");
    }

    [Fact]
    public void Images_are_the_ones_make_images_builds_and_make_specs_renames_them()
    {
        var vars = SpecValidation.ImageNames();
        foreach (var step in Steps)
        {
            var transform = JsonNode.Parse(File.ReadAllText(Path.Combine(Specs, $"{step}.json")))!["transform"]!;
            Assert.Equal($"{vars["IMAGE_PREFIX"]}-{step}:{vars["IMAGE_TAG"]}", (string?)transform["image"]);
            Assert.Equal($"/opt/imgeda/imgeda-{step}", (string?)transform["cmd"]![0]);
        }

        using var tmp = new TempDir();
        var render = Processes.Run("make", ["-s", "-C", RepoPaths.Root, "specs", "IMAGE_REGISTRY=registry.example.com:5000", "IMAGE_TAG=2.0.1", $"SPECS_OUT={tmp.Path}"]);
        Assert.Equal(0, render.ExitCode);
        var rendered = Directory.GetFiles(tmp.Path, "*.json");
        Assert.Equal(Steps.Length, rendered.Length);
        Assert.All(rendered, f => Assert.Contains($"\"registry.example.com:5000/imgeda-{Path.GetFileNameWithoutExtension(f)}:2.0.1\"", File.ReadAllText(f)));
        SpecValidation.AssertValid(rendered);
    }

    [Theory]
    [InlineData("sub", 0)]
    [InlineData("sub/a.png", 1)]
    public void Under_pachyderm_a_folder_datum_writes_nothing_and_a_file_datum_its_output(string datumPath, int expectedOutputs)
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["pfs/images/sub"], [RepoPaths.SampleFiles[0]]);
        File.Move(Path.Combine(tmp["pfs/images/sub"], Path.GetFileName(RepoPaths.SampleFiles[0])), tmp["pfs/images/sub/a.png"]);
        var env = new Dictionary<string, string?> { ["PACH_DATUM_ID"] = "d1", ["images"] = tmp[$"pfs/images/{datumPath}"] };
        var run = Processes.Run(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"], "--skip-folder-datums"], env);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var outputs = Directory.Exists(tmp["pfs/out/images"]) ? Directory.GetFiles(tmp["pfs/out/images"], "*", SearchOption.AllDirectories).Length : 0;
        Assert.Equal(expectedOutputs, outputs);
        if (expectedOutputs == 0) Assert.Contains("is a folder", run.Stderr);
    }
}
