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
        Assert.NotEqual(key, PipelineSpec.Parse(Edges.Replace("\"cmd\": [\"/opt/imgeda/imgeda-edges\"]", "\"cmd\": [\"/opt/imgeda/imgeda-edges\", \"--low\", \"50\"]"), "c").TransformKey);
        Assert.NotEqual(key, PipelineSpec.Parse(Edges.Replace("\"A\": \"1\"", "\"A\": \"2\""), "d").TransformKey);
    }

    [Theory]
    [InlineData("""{"pipeline": {"name": "x"}, "transform": {"cmd": ["a"]}, "input": {"join": [{"pfs": {"repo": "a", "glob": "/*"}}]}}""", "'join' inputs are not supported")]
    [InlineData("""{"pipeline": {"name": "x"}, "transform": {"cmd": []}, "input": {"pfs": {"repo": "a", "glob": "/*"}}}""", "transform.cmd is missing")]
    [InlineData("""{"pipeline": {"name": "x y"}, "transform": {"cmd": ["a"]}, "input": {"pfs": {"repo": "a", "glob": "/*"}}}""", "may only hold")]
    [InlineData("""{"pipeline": {"name": "x"}, "transform": {"cmd": ["a"]}, "input": {"cross": [{"pfs": {"repo": "a", "glob": "/"}}, {"pfs": {"repo": "a", "glob": "/"}}]}}""", "named the same")]
    [InlineData("""{"pipeline": {"name": "x"}, "transform": {"cmd": ["a"]}""", "not valid JSON")]
    public void A_bad_spec_is_a_usage_error_naming_the_problem(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<UsageException>(() => PipelineSpec.Parse(json, "spec.json")).Message);

    [Fact]
    public void The_shipped_specs_parse_and_come_upstream_first()
    {
        var specs = SpecFiles.Read([Path.Combine(RepoPaths.Root, "pipelines", "pachyderm")]);
        var names = specs.Select(s => s.Name).ToList();
        Assert.Equal(8, names.Count);
        Assert.True(names.IndexOf("merge") > names.IndexOf("analyze") && names.IndexOf("gate") > names.IndexOf("merge") && names.IndexOf("plot") > names.IndexOf("merge"));
        Assert.True(names.IndexOf("enforce") > names.IndexOf("gate") && names.IndexOf("plot") > names.IndexOf("gate"));
        Assert.IsType<GroupInput>(specs.Single(s => s.Name == "gate").Input);
        Assert.All(specs.Where(s => s.Name is "edges" or "analyze" or "hash" or "thumbs"), s => Assert.True(s.BatchDatums));
    }
}
