namespace ImgEda.EndToEnd.Tests;

/// <summary>Runs the built per-image steps the way a pipeline chains them.</summary>
internal static class StepChain
{
    /// <summary>analyze, hash and thumbs over <paramref name="files"/>; their outputs become &lt;into&gt;/analyze,
    /// /hash and /thumbs: the inputs of a merge, as Pachyderm would mount them.</summary>
    public static void RunPerImageSteps(TempDir tmp, IEnumerable<string> files, string into)
    {
        OutputTree.CopyInto(tmp["images-pfs/images"], files);
        foreach (var step in new[] { "analyze", "hash", "thumbs" })
        {
            Assert.Equal(0, Processes.Run(RepoPaths.Step(step), ["--pfs", tmp["images-pfs"]]).ExitCode);
            Directory.CreateDirectory(tmp[into]);
            Directory.Move(tmp["images-pfs/out"], tmp[$"{into}/{step}"]);
        }
        Directory.Delete(tmp["images-pfs"], recursive: true);
    }

    /// <summary>Copies a folder (an output handed on to the next step as its input).</summary>
    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
