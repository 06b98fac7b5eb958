using ImgEda.Core.Pfs;

namespace ImgEda.Core.Tests.Pfs;

public class DatumScannerTests
{
    [Fact]
    public void Finds_files_at_any_depth_in_a_stable_order_with_slash_paths()
    {
        using var tmp = new TempDir();
        var paths = new[]
        {
            "images/b.jpg", "images/a/z.png", "images/a/b/c.png", "images/name with spaces.png", "images/ünï.png",
            "other/x.png", "out/old.png",
        };
        foreach (var p in paths)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(tmp[$"pfs/{p}"])!);
            File.WriteAllText(tmp[$"pfs/{p}"], "x");
        }
        var layout = PfsLayout.Open(tmp["pfs"], []);
        var found = new DatumScanner(layout, _ => { }).Scan().Select(d => d.ToString()).ToList();
        Assert.Equal(
            [
                "images/a/b/c.png", "images/a/z.png", "images/b.jpg", "images/name with spaces.png", "images/ünï.png",
                "other/x.png",
            ],
            found);

        var otherOnly = PfsLayout.Open(tmp["pfs"], ["other"]);
        var narrowed = new DatumScanner(otherOnly, _ => { }).Scan().Select(d => d.ToString());
        Assert.Equal(["other/x.png"], narrowed);
    }

    [Fact]
    public void Follows_links_inside_the_input_and_skips_links_that_leave_it()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["pfs/images/real"]);
        File.WriteAllText(tmp["pfs/images/real/a.png"], "x");
        File.WriteAllText(tmp["secret.png"], "outside");
        File.CreateSymbolicLink(tmp["pfs/images/inside.png"], tmp["pfs/images/real/a.png"]);
        File.CreateSymbolicLink(tmp["pfs/images/escape.png"], tmp["secret.png"]);
        File.CreateSymbolicLink(tmp["pfs/images/dotdot.png"], "../../secret.png");
        File.CreateSymbolicLink(tmp["pfs/images/dangling.png"], tmp["nothing-here"]);
        Directory.CreateSymbolicLink(tmp["pfs/images/loop"], tmp["pfs/images"]);
        var skipped = new List<string>();
        var found = new DatumScanner(PfsLayout.Open(tmp["pfs"], []), skipped.Add).Scan().Select(d => d.Path).ToList();
        Assert.Equal(["inside.png", "real/a.png"], found);
        // escape, dotdot and dangling leave the input; loop points at the input root itself, which would walk it twice.
        Assert.Equal(["dangling.png", "dotdot.png", "escape.png", "loop"],
            skipped
                .Where(s => s.Contains("outside the input"))
                .Select(s => s.Split(':')[0]["images/".Length..])
                .Order());
    }

    [Fact]
    public void Hidden_folders_such_as_pachyderms_scratch_space_are_not_inputs()
    {
        // Pachyderm 2.x: /pfs/.scratch/<id>/{images,out} with /pfs/images and /pfs/out linked into it
        // (src/server/worker/driver/driver_unix.go, linkData; PPSScratchSpace = ".scratch" in
        // src/internal/client/pps.go).
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["pfs/.scratch/d1/images"]);
        Directory.CreateDirectory(tmp["pfs/.scratch/d1/out"]);
        File.WriteAllText(tmp["pfs/.scratch/d1/images/a.png"], "x");
        Directory.CreateSymbolicLink(tmp["pfs/images"], tmp["pfs/.scratch/d1/images"]);
        Directory.CreateSymbolicLink(tmp["pfs/out"], tmp["pfs/.scratch/d1/out"]);

        var layout = PfsLayout.Open(tmp["pfs"], []);
        Assert.Equal(["images"], layout.Inputs);
        Assert.Equal(["images/a.png"], new DatumScanner(layout, _ => { }).Scan().Select(d => d.ToString()));
        Assert.Equal([".scratch"], PfsLayout.Open(tmp["pfs"], [".scratch"]).Inputs); // named explicitly, it is read
    }

    [Fact]
    public void Missing_roots_and_inputs_are_usage_errors_that_say_what_to_do()
    {
        using var tmp = new TempDir();
        Assert.Contains("--pfs", Assert.Throws<UsageException>(() => PfsLayout.Open(tmp["nope"], [])).Message);
        Directory.CreateDirectory(tmp["pfs/out"]);
        var noInputs = Assert.Throws<UsageException>(() => PfsLayout.Open(tmp["pfs"], []));
        Assert.Contains("no input folders", noInputs.Message);
        var noInputX = Assert.Throws<UsageException>(() => PfsLayout.Open(tmp["pfs"], ["x"]));
        Assert.Contains("no input named x", noInputX.Message);
    }
}
