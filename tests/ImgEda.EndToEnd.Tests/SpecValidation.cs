namespace ImgEda.EndToEnd.Tests;

/// <summary>tests/pipelines/validate.py against the vendored schemas (../shared/schemas), and `make
/// image-names`.</summary>
internal static class SpecValidation
{
    private static string Schemas => Path.Combine(RepoPaths.Root, "..", "shared", "schemas");
    private static string Validator => Path.Combine(RepoPaths.Root, "tests", "pipelines", "validate.py");

    public static void AssertValid(IEnumerable<string> files)
    {
        Assert.True(Directory.Exists(Schemas), $"the vendored schemas are expected at {Schemas}");
        var run = Validate(files);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
    }

    /// <summary>A copy of <paramref name="file"/> with one edit must fail validation.</summary>
    public static void AssertEditIsRejected(string file, string from, string to)
    {
        using var tmp = new TempDir();
        var copy = tmp["edited" + Path.GetExtension(file)];
        var text = File.ReadAllText(file);
        Assert.Contains(from, text);
        File.WriteAllText(copy, text.Replace(from, to));
        var run = Validate([copy]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("INVALID", run.Stdout);
    }

    /// <summary>IMAGE_PREFIX and IMAGE_TAG as `make images` uses them.</summary>
    public static Dictionary<string, string> ImageNames() =>
        Processes.Run("make", ["-s", "-C", RepoPaths.Root, "image-names"]).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

    private static Processes.Result Validate(IEnumerable<string> files) =>
        Processes.Run(PythonReference.Python, ["-W", "ignore", Validator, Schemas, .. files]);
}
