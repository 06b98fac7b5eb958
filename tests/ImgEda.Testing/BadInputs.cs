namespace ImgEda.Testing;

/// <summary>The awkward files of tests/fixtures/make_bad_inputs.py (truncated, empty, random bytes, 16-bit, palette,
/// CMYK, alpha, multipage, float64, a 60000x60000 header, odd names, EXIF), built once per test run.</summary>
public static class BadInputs
{
    private static readonly Lazy<string> Dir = new(Build);

    public static string Directory => Dir.Value;

    public static string File(string name) => System.IO.Path.Combine(Directory, name);

    public static IReadOnlyList<string> Files =>
        System.IO.Directory.GetFiles(Directory).Order(StringComparer.Ordinal).ToList();

    private static string Build()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("imgeda-bad-inputs-").FullName;
        var script = System.IO.Path.Combine(RepoPaths.Root, "tests", "fixtures", "make_bad_inputs.py");
        var run = Processes.Run("/usr/bin/python3", [script, RepoPaths.Samples, dir]);
        if (run.ExitCode != 0)
            throw new InvalidOperationException(
                $"make_bad_inputs.py failed (needs python3-opencv and python3-pil: make deps): {run.Stderr}");
        return dir;
    }
}
