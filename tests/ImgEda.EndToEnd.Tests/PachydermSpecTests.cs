using System.Text.Json.Nodes;

namespace ImgEda.EndToEnd.Tests;

/// <summary>pipelines/pachyderm: valid pps v2 specs (the vendored schema, a real JSON Schema validator), naming the
/// images `make images` builds, and their commands behave under Pachyderm's datum environment.</summary>
public class PachydermSpecTests
{
    private static string Specs => Path.Combine(RepoPaths.Root, "pipelines", "pachyderm");
    private static readonly string[] Steps =
        ["edges", "analyze", "hash", "thumbs", "annotations", "merge", "gate", "enforce", "plot"];

    /// <summary>The step image a pipeline runs: enforce runs gate's (`imgeda-gate --enforce`).</summary>
    private static string ImageOf(string pipeline) => pipeline == "enforce" ? "gate" : pipeline;

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
            Assert.Equal($"{vars["IMAGE_PREFIX"]}-{ImageOf(step)}:{vars["IMAGE_TAG"]}", (string?)transform["image"]);
            Assert.Equal($"/opt/imgeda/imgeda-{ImageOf(step)}", (string?)transform["cmd"]![0]);
        }

        using var tmp = new TempDir();
        var render = Processes.Run("make",
        [
            "-s", "-C", RepoPaths.Root, "specs",
            "IMAGE_REGISTRY=registry.example.com:5000", "IMAGE_TAG=2.0.1", $"SPECS_OUT={tmp.Path}",
        ]);
        Assert.Equal(0, render.ExitCode);
        var rendered = Directory.GetFiles(tmp.Path, "*.json");
        Assert.Equal(Steps.Length, rendered.Length);
        string Renamed(string spec) =>
            $"\"registry.example.com:5000/imgeda-{ImageOf(Path.GetFileNameWithoutExtension(spec))}:2.0.1\"";
        Assert.All(rendered, f => Assert.Contains(Renamed(f), File.ReadAllText(f)));
        SpecValidation.AssertValid(rendered);
    }

    [Theory]
    [InlineData("sub", 0)]
    [InlineData("sub/a.png", 1)]
    public void Under_pachyderm_a_folder_datum_writes_nothing_and_a_file_datum_its_output(
        string datumPath, int expectedOutputs)
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["pfs/images/sub"], [RepoPaths.SampleFiles[0]]);
        var copied = Path.Combine(tmp["pfs/images/sub"], Path.GetFileName(RepoPaths.SampleFiles[0]));
        File.Move(copied, tmp["pfs/images/sub/a.png"]);
        var env = new Dictionary<string, string?>
        {
            ["PACH_DATUM_ID"] = "d1",
            ["images"] = tmp[$"pfs/images/{datumPath}"],
        };
        var run = Processes.Run(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"], "--skip-folder-datums"], env);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var outputs = Directory.Exists(tmp["pfs/out/images"])
            ? Directory.GetFiles(tmp["pfs/out/images"], "*", SearchOption.AllDirectories).Length
            : 0;
        Assert.Equal(expectedOutputs, outputs);
        if (expectedOutputs == 0) Assert.Contains("is a folder", run.Stderr);
    }

    [Fact]
    public void Each_spec_command_run_in_pachyderms_scratch_layout_reads_only_its_inputs()
    {
        // Pachyderm 2.x runs user code with /pfs/.scratch/<id>/{<inputs>,out} and /pfs/<input>, /pfs/out as links into
        // it (src/server/worker/driver/driver_unix.go, linkData; src/server/worker/pipeline/transform/worker.go,
        // forEachDatum), and sets <input>=/pfs/<input>/<datum path> (driver.go, UserCodeEnv).
        using var tmp = new TempDir();
        var image = RepoPaths.SampleFiles[0];
        var name = Path.GetFileName(image);
        var outputs = new Dictionary<string, string>();
        foreach (var step in new[] { "analyze", "hash", "thumbs", "edges" })
        {
            var input = (Path.GetDirectoryName(image)!, "/" + name, (string[]?)[name]);
            var run = PachydermDatum.Run(Spec(step), tmp[$"{step}-pfs"], new() { ["images"] = input });
            Assert.True(run.ExitCode == 0, run.Stderr);
            var written = OutputTree.Read(run.Out).Keys;
            // Nothing from .scratch, nothing but the datum.
            Assert.All(written, f => Assert.Contains($"images/{name}", f));
            Assert.NotEmpty(written);
            outputs[step] = run.Out;
        }
        // annotations: one datum over the whole repo (glob /), here the image with a darknet label beside it.
        OutputTree.CopyInto(tmp["dataset"], [image]);
        File.WriteAllText(tmp[$"dataset/{Path.GetFileNameWithoutExtension(name)}.txt"], "0 0.5 0.5 0.25 0.25\n");
        var annotations = PachydermDatum.Run(Spec("annotations"), tmp["annotations-pfs"],
            new() { ["images"] = (tmp["dataset"], "/", null) });
        Assert.True(annotations.ExitCode == 0, annotations.Stderr);
        Assert.Equal(["annotations.json", "image_annotations.jsonl"],
            OutputTree.Read(annotations.Out).Keys.Order(StringComparer.Ordinal));
        var merge = PachydermDatum.Run(Spec("merge"), tmp["merge-pfs"], new()
        {
            ["analyze"] = (outputs["analyze"], "/", null), ["hash"] = (outputs["hash"], "/", null),
            ["thumbs"] = (outputs["thumbs"], "/", null), ["annotations"] = (annotations.Out, "/", null),
        });
        Assert.True(merge.ExitCode == 0, merge.Stderr);
        // The meta line and one image, with its annotation facts joined.
        var lines = File.ReadAllLines(Path.Combine(merge.Out, "manifest.jsonl"));
        Assert.Equal(2, lines.Length);
        Assert.Equal(1, (int)JsonNode.Parse(lines[1])!["annotations"]!["boxes"]!);
        Assert.True(File.Exists(Path.Combine(merge.Out, "annotations.json")));
        // No policy commit.
        var gate = PachydermDatum.Run(Spec("gate"), tmp["gate-pfs"], new() { ["merge"] = (merge.Out, "/", null) });
        Assert.True(gate.ExitCode == 0, gate.Stderr);
        var verdict = JsonNode.Parse(File.ReadAllText(Path.Combine(gate.Out, "verdict.json")))!;
        Assert.Equal("defaults", (string?)verdict["policy"]);
        var enforce = PachydermDatum.Run(Spec("enforce"), tmp["enforce-pfs"],
            new() { ["gate"] = (gate.Out, "/", null) });
        Assert.Equal(0, enforce.ExitCode);
        Assert.Empty(OutputTree.Read(enforce.Out));
        var plot = PachydermDatum.Run(Spec("plot"), tmp["plot-pfs"], new()
        {
            ["merge"] = (merge.Out, "/", null), ["thumbs"] = (outputs["thumbs"], "/", null),
            ["gate"] = (gate.Out, "/", null),
        });
        Assert.True(plot.ExitCode == 0, plot.Stderr);
        Assert.True(File.Exists(Path.Combine(plot.Out, "report.html")));
    }

    private static JsonNode Spec(string step) => JsonNode.Parse(File.ReadAllText(Path.Combine(Specs, $"{step}.json")))!;
}
