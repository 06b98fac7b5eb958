using ImgEda.Core;
using ImgEda.Engine.Specs;

namespace ImgEda.Engine.Tests.Specs;

public class PipelineSpecTests
{
    private const string Edges = """
        {"pipeline": {"name": "edges"}, "input": {"pfs": {"repo": "images", "glob": "/**"}},
         "transform": {"image": "x/edges:1", "cmd": ["/opt/imgeda/imgeda-edges"], "env": {"A": "1"}},
         "metadata": {"annotations": {"imgeda.io/batch-datums": "true"}}, "description": "one"}
        """;

    [Fact]
    public void Reads_the_parts_the_engine_runs()
    {
        var spec = PipelineSpec.Parse(Edges, "edges.json");
        Assert.Equal("edges", spec.Name);
        Assert.Equal(["/opt/imgeda/imgeda-edges"], spec.Cmd);
        Assert.Equal("1", spec.Env["A"]);
        Assert.True(spec.BatchDatums);
        Assert.Equal(PipelineSpec.DefaultDatumTries, spec.DatumTries);
        var input = Assert.IsType<PfsInput>(spec.Input);
        Assert.Equal(("images", "images", "/**"), (input.Name, input.Repo, input.Glob.Text));
    }

    [Fact]
    public void The_transform_key_changes_with_the_command_but_not_with_the_description()
    {
        var key = PipelineSpec.Parse(Edges, "a").TransformKey;
        Assert.Equal(key, PipelineSpec.Parse(Edges.Replace("\"one\"", "\"two\""), "b").TransformKey);
        var command = "\"cmd\": [\"/opt/imgeda/imgeda-edges\"]";
        var otherCommand = "\"cmd\": [\"/opt/imgeda/imgeda-edges\", \"--low\", \"50\"]";
        Assert.NotEqual(key, PipelineSpec.Parse(Edges.Replace(command, otherCommand), "c").TransformKey);
        Assert.NotEqual(key, PipelineSpec.Parse(Edges.Replace("\"A\": \"1\"", "\"A\": \"2\""), "d").TransformKey);
    }

    [Fact]
    public void The_transform_key_changes_with_the_image_and_the_salt()
    {
        var key = PipelineSpec.Parse(Edges, "a").TransformKey;
        var newerImage = Edges.Replace("\"x/edges:1\"", "\"x/edges:2\"");
        var salted = Edges.Replace("\"description\": \"one\"", "\"description\": \"one\", \"salt\": \"s1\"");
        var resalted = salted.Replace("\"s1\"", "\"s2\"");
        var keys = new[] { Edges, newerImage, salted, resalted }.Select(s => PipelineSpec.Parse(s, "x").TransformKey);
        Assert.Equal(4, keys.Distinct().Count());
        Assert.Equal(key, PipelineSpec.Parse(Edges, "b").TransformKey);
    }

    [Theory]
    [InlineData(
        """{"pipeline": {"name": "x"}, "transform": {"cmd": ["a"]}, "input": """ +
        """{"join": [{"pfs": {"repo": "a", "glob": "/*"}}]}}""",
        "'join' inputs are not supported")]
    [InlineData(
        """{"pipeline": {"name": "x"}, "transform": {"cmd": []}, "input": {"pfs": {"repo": "a", "glob": "/*"}}}""",
        "transform.cmd is missing")]
    [InlineData(
        """{"pipeline": {"name": "x y"}, "transform": {"cmd": ["a"]}, "input": {"pfs": {"repo": "a", "glob": "/*"}}}""",
        "may only hold")]
    [InlineData(
        """{"pipeline": {"name": "x"}, "transform": {"cmd": ["a"]}, "input": """ +
        """{"cross": [{"pfs": {"repo": "a", "glob": "/"}}, {"pfs": {"repo": "a", "glob": "/"}}]}}""",
        "named the same")]
    [InlineData("""{"pipeline": {"name": "x"}, "transform": {"cmd": ["a"]}""", "not valid JSON")]
    public void A_bad_spec_is_a_usage_error_naming_the_problem(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<UsageException>(() => PipelineSpec.Parse(json, "spec.json")).Message);

    [Fact]
    public void The_shipped_specs_parse_and_come_upstream_first()
    {
        var specs = SpecFiles.Read([Path.Combine(RepoPaths.Root, "pipelines", "pachyderm")]);
        var names = specs.Select(s => s.Name).ToList();
        Assert.Equal(9, names.Count);
        Assert.True(names.IndexOf("merge") > names.IndexOf("annotations"));
        Assert.True(names.IndexOf("merge") > names.IndexOf("analyze")
            && names.IndexOf("gate") > names.IndexOf("merge")
            && names.IndexOf("plot") > names.IndexOf("merge"));
        Assert.True(names.IndexOf("enforce") > names.IndexOf("gate") && names.IndexOf("plot") > names.IndexOf("gate"));
        Assert.IsType<GroupInput>(specs.Single(s => s.Name == "gate").Input);
        Assert.All(specs.Where(s => s.Name is "edges" or "analyze" or "hash" or "thumbs"),
            s => Assert.True(s.BatchDatums));
    }

    private static string WithPfs(string pfs) =>
        """{"pipeline": {"name": "p"}, "transform": {"cmd": ["true"]}, "input": {"pfs": """ + pfs + "}}";

    [Theory]
    [InlineData("/tmp/x")]
    [InlineData("../../../x")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("a/b")]
    public void A_pfs_input_name_that_is_not_one_safe_path_segment_is_refused(string name)
    {
        var quoted = System.Text.Json.JsonSerializer.Serialize(name, SpecTestJson.Default.String);
        var json = WithPfs($$"""{"repo": "images", "glob": "/*", "name": {{quoted}}}""");
        var refused = Assert.Throws<UsageException>(() => PipelineSpec.Parse(json, "p.json"));
        Assert.Contains("input.pfs.name", refused.Message);
    }

    [Theory]
    [InlineData("/[]", "input.pfs.glob")]
    [InlineData("/[z-a]*", "input.pfs.glob")]
    public void A_glob_that_is_no_pattern_is_a_message_naming_the_field(string glob, string field)
    {
        var json = WithPfs($$"""{"repo": "images", "glob": "{{glob}}"}""");
        var refused = Assert.Throws<UsageException>(() => PipelineSpec.Parse(json, "p.json"));
        Assert.Contains(field, refused.Message);
    }

    // A spec: "pipeline" and "input" as below, then the fields given (the transform among them).
    private const string Head = """{"pipeline": {"name": "p"}, "input": {"pfs": {"repo": "i", "glob": "/"}}, """;

    [Theory]
    [InlineData(Head + """ "transform": {"cmd": "true"}}""", "transform.cmd")]
    [InlineData(Head + """ "transform": {"cmd": [null]}}""", "transform.cmd[0]")]
    [InlineData(Head + """ "transform": {"cmd": ["t"]}, "datumTries": "3"}""", "datumTries")]
    [InlineData(Head + """ "transform": {"cmd": ["t"], "env": {"A": 1}}}""", "transform.env.A")]
    [InlineData(Head + """ "transform": {"cmd": ["t"]}, "metadata": {"annotations": {"a": true}}}""",
        "metadata.annotations.a")]
    [InlineData(Head + """ "transform": {"cmd": ["t"]}, "pipeline": {"name": "q"}}""", "not valid JSON")]
    [InlineData("""[]""", "expected object")]
    [InlineData(Head + """ "transform": {"cmd": ["t"]}, "datumTrys": 3}""", "datumTrys: unknown field")]
    [InlineData("""{"input": {"pfs": {"repo": "i", "glob": "/", "nmae": "x"}}, "transform": {"cmd": ["t"]}}""",
        "input.pfs.nmae: unknown field")]
    [InlineData(Head + """ "transform": {"cmd": ["t"]}, "datumTimeout": "1h"}""", "datumTimeout")]
    public void A_malformed_spec_is_a_one_line_message_naming_the_field(string json, string expected)
    {
        var refused = Assert.Throws<UsageException>(() => PipelineSpec.Parse(json, "p.json"));
        Assert.Contains(expected, refused.Message);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void Stdin_and_the_timeouts_are_read()
    {
        var spec = PipelineSpec.Parse("""
            {"pipeline": {"name": "p"}, "input": {"pfs": {"repo": "i", "glob": "/"}},
             "transform": {"cmd": ["sh"], "stdin": ["echo a", "echo b"]}, "datumTimeout": "1.5s", "jobTimeout": "600s"}
            """, "p.json");
        Assert.Equal(["echo a", "echo b"], spec.Stdin);
        Assert.Equal(TimeSpan.FromSeconds(1.5), spec.DatumTimeout);
        Assert.Equal(TimeSpan.FromMinutes(10), spec.JobTimeout);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class SpecTestJson : System.Text.Json.Serialization.JsonSerializerContext;
