namespace ImgEda.EndToEnd.Tests;

/// <summary>A labelled dataset repo holds label and description files beside its images; Pachyderm's per-image glob
/// hands them to every per-image step. They are skipped (the annotations step reads them), not recorded as corrupt
/// images that would fail every labelled dataset's max_corrupt_pct.</summary>
public class LabelFilesTests
{
    [Theory]
    [InlineData("analyze")]
    [InlineData("hash")]
    [InlineData("edges")]
    [InlineData("thumbs")]
    public void Label_files_beside_images_get_no_record_and_are_counted_as_skipped(string step)
    {
        using var tmp = new TempDir();
        var images = RepoPaths.SampleFiles.Where(f => f.EndsWith(".png", StringComparison.Ordinal)).Take(2).ToList();
        OutputTree.CopyInto(tmp["pfs/images/train/images"], images);
        Directory.CreateDirectory(tmp["pfs/images/train/labels"]);
        foreach (var image in images)
        {
            var labelFile = tmp[$"pfs/images/train/labels/{Path.GetFileNameWithoutExtension(image)}.txt"];
            File.WriteAllText(labelFile, "0 0.5 0.5 0.2 0.2\n");
        }
        File.WriteAllText(tmp["pfs/images/data.yaml"], "names: [cat]\n");
        File.Copy(images[0], tmp["pfs/images/train/misnamed.txt"]); // an image under a label's name stays an image

        var run = Processes.Run(RepoPaths.Step(step), ["--pfs", tmp["pfs"]]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("skipped 3 label or dataset files", run.Stderr);
        var outputs = Directory.GetFiles(tmp["pfs/out"], "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(tmp["pfs/out"], f))
            .Where(f => !f.Contains(".imgeda", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(3, outputs.Count);
        Assert.DoesNotContain(outputs, o => o.Contains("labels", StringComparison.Ordinal) || o.Contains("data.yaml"));
    }
}
