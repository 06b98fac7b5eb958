using ImgEda.Engine.Datums;
using ImgEda.Engine.Specs;

namespace ImgEda.Engine.Tests.Datums;

public class DatumPlannerTests
{
    private static readonly List<RepoFile> Images =
    [
        new("a.jpg", "o1", 1),
        new("b-c.png", "o2", 1),
        new("b/c.png", "o3", 1),
        new("b/d/e.gif", "o4", 1),
        new("bz.jpg", "o5", 1),
    ];

    private static PipelineSpec Spec(string input) =>
        PipelineSpec.Parse(
            $$"""{"pipeline": {"name": "p"}, "transform": {"cmd": ["x"]}, "input": {{input}}}""", "p.json");

    [Fact]
    public void Double_star_matches_every_file_and_every_folder()
    {
        var datums = DatumPlanner.Plan(Spec("""{"pfs": {"repo": "images", "glob": "/**"}}"""), _ => Images);
        Assert.Equal(
            [
                "images:/a.jpg", "images:/b", "images:/b-c.png", "images:/b/c.png", "images:/b/d", "images:/b/d/e.gif",
                "images:/bz.jpg",
            ],
            datums.Select(d => d.Id));
        var folder = datums.Single(d => d.Id == "images:/b");
        Assert.Equal(["b/c.png", "b/d/e.gif"], folder.Parts[0].Files.Select(f => f.Path));
        Assert.False(folder.IsSingleFile);
        Assert.True(datums.Single(d => d.Id == "images:/b/c.png").IsSingleFile);
    }

    [Fact]
    public void Star_takes_top_level_entries_and_slash_the_whole_repo()
    {
        Assert.Equal(4, DatumPlanner.Plan(Spec("""{"pfs": {"repo": "images", "glob": "/*"}}"""), _ => Images).Count);
        var whole = Assert.Single(DatumPlanner.Plan(Spec("""{"pfs": {"repo": "images", "glob": "/"}}"""), _ => Images));
        Assert.Equal(5, whole.Parts[0].Files.Count);
        // An empty commit still has its root folder: one datum without files (issue 15: an emptied dataset is merged
        // and gated as empty), and no datum for a glob below the root.
        var empty = Assert.Single(DatumPlanner.Plan(Spec("""{"pfs": {"repo": "images", "glob": "/"}}"""), _ => []));
        Assert.Empty(empty.Parts[0].Files);
        Assert.Empty(DatumPlanner.Plan(Spec("""{"pfs": {"repo": "images", "glob": "/*"}}"""), _ => []));
    }

    [Fact]
    public void Cross_combines_and_union_concatenates()
    {
        List<RepoFile> policy = [new("policy.yaml", "p1", 1)];
        var crossSpec = Spec("""
            {"cross": [{"pfs": {"repo": "images", "glob": "/*"}}, {"pfs": {"repo": "policy", "glob": "/*"}}]}
            """);
        var cross = DatumPlanner.Plan(crossSpec, leaf => leaf.Repo == "policy" ? policy : Images);
        Assert.Equal(4, cross.Count);
        Assert.All(cross, d => Assert.Equal(["images", "policy"], d.Parts.Select(p => p.Input)));
        var unionSpec = Spec("""
            {"union": [{"pfs": {"repo": "images", "glob": "/*"}}, {"pfs": {"repo": "policy", "glob": "/*"}}]}
            """);
        var union = DatumPlanner.Plan(unionSpec, leaf => leaf.Repo == "policy" ? policy : Images);
        Assert.Equal(5, union.Count);
    }

    [Fact]
    public void Double_star_dot_star_takes_files_with_an_extension_and_no_plain_folder()
    {
        // What the per-image specs use: a folder is not a datum, so a new image in b/d/ costs one datum, not b/'s
        // subtree.
        var datums = DatumPlanner.Plan(Spec("""{"pfs": {"repo": "images", "glob": "/**.*"}}"""), _ => Images);
        string[] files = ["images:/a.jpg", "images:/b-c.png", "images:/b/c.png", "images:/b/d/e.gif", "images:/bz.jpg"];
        Assert.Equal(files, datums.Select(d => d.Id));
        Assert.All(datums, d => Assert.True(d.IsSingleFile));
    }

    [Fact]
    public void A_group_with_one_constant_key_is_one_datum_with_or_without_the_optional_input()
    {
        // Pachyderm groups datums by key across inputs and keeps a key any input has
        // (src/server/worker/datum/worker.go,
        // processMergeTask, MergeTask_GROUP); a cross with an empty input has no datums (processCrossTask).
        const string group = """
            {"group": [{"pfs": {"repo": "merge", "glob": "/*", "groupBy": "dataset"}},
                       {"pfs": {"repo": "policy", "glob": "/*", "groupBy": "dataset"}}]}
            """;
        List<RepoFile> merge = [new("summary.json", "s1", 1), new("manifest.jsonl", "m1", 1)];
        List<RepoFile> policy = [new("policy.yaml", "p1", 1)];
        var both = Assert.Single(DatumPlanner.Plan(Spec(group), leaf => leaf.Repo == "policy" ? policy : merge));
        Assert.Equal(["merge", "merge", "policy"], both.Parts.Select(p => p.Input));
        var mergeOnly = Assert.Single(DatumPlanner.Plan(Spec(group), leaf => leaf.Repo == "policy" ? [] : merge));
        Assert.Equal(["merge", "merge"], mergeOnly.Parts.Select(p => p.Input));
        const string cross = """
            {"cross": [{"pfs": {"repo": "merge", "glob": "/*"}}, {"pfs": {"repo": "policy", "glob": "/*"}}]}
            """;
        Assert.Empty(DatumPlanner.Plan(Spec(cross), leaf => leaf.Repo == "policy" ? [] : merge));
        var captureGroup = group.Replace("\"dataset\"", "\"$1\"");
        Assert.Contains("capture groups", Assert.Throws<ImgEda.Core.UsageException>(() => Spec(captureGroup)).Message);
    }

    [Fact]
    public void The_hash_is_sha256_over_the_transform_and_each_part_and_file_line_so_homes_keep_their_results()
    {
        var spec = Spec("""
            {"cross": [{"pfs": {"repo": "images", "glob": "/b"}}, {"pfs": {"repo": "policy", "glob": "/"}}]}
            """);
        List<RepoFile> policy = [new("policy.yaml", "p1", 1)];
        var datum = Assert.Single(DatumPlanner.Plan(spec, leaf => leaf.Repo == "policy" ? policy : Images));
        var lines = $"{spec.TransformKey}\n"
            + "input\timages\t/b\nb/c.png\to3\nb/d/e.gif\to4\n"
            + "input\tpolicy\t/\npolicy.yaml\tp1\n";
        var sha256 = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(lines));
        Assert.Equal(Convert.ToHexStringLower(sha256), datum.Hash);
    }

    [Fact]
    public void The_hash_follows_content_and_transform_only()
    {
        var spec = Spec("""{"pfs": {"repo": "images", "glob": "/*"}}""");
        var first = DatumPlanner.Plan(spec, _ => Images).ToDictionary(d => d.Id, d => d.Hash);
        Assert.Equal(first, DatumPlanner.Plan(spec, _ => Images.ToList()).ToDictionary(d => d.Id, d => d.Hash));
        var changed = Images.Select(f => f.Path == "a.jpg" ? f with { Object = "other" } : f).ToList();
        var second = DatumPlanner.Plan(spec, _ => changed).ToDictionary(d => d.Id, d => d.Hash);
        Assert.Equal(first.Keys, second.Keys);
        Assert.Equal(["images:/a.jpg"], first.Keys.Where(k => first[k] != second[k]));
        var otherCommand = PipelineSpec.Parse("""
            {"pipeline": {"name": "p"}, "transform": {"cmd": ["x", "--fast"]},
             "input": {"pfs": {"repo": "images", "glob": "/*"}}}
            """, "p.json");
        Assert.DoesNotContain(DatumPlanner.Plan(otherCommand, _ => Images), d => first.ContainsValue(d.Hash));
    }
}
