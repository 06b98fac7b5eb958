using OpenCvSharp;
using Xunit.Abstractions;

namespace ImgEda.Edges.Tests;

/// <summary>imgeda-edges against Pachyderm's example, `cv2.Canny(cv2.imread(path), 100, 200)`, run by Debian's
/// python3-opencv (OpenCV 4.6) on the same files: every pixel of every image both can read must be equal. Images only
/// the step's OpenCV 4.13 decodes (GIF) are listed in the test output, not failures.</summary>
public class EdgeParityTests(ITestOutputHelper output)
{
    private const string Reference = """
        import cv2, os, sys
        src, dst = sys.argv[1], sys.argv[2]
        for name in sorted(os.listdir(src)):
            img = cv2.imread(os.path.join(src, name))
            if img is None:
                continue
            cv2.imwrite(os.path.join(dst, name + ".png"), cv2.Canny(img, 100, 200))
        """;

    [Fact]
    public void Sample_images_match_python_opencv_pixel_for_pixel() =>
        AssertParity(RepoPaths.SampleFiles, minimumCompared: 20);

    /// <summary>Pachyderm's own script (bench/reference/edges.py, the example unchanged but for its /pfs root) on the
    /// samples Debian's OpenCV decodes (it stops at the first file imread cannot read). It saves with matplotlib's
    /// imsave and the gray colormap: an RGBA PNG whose R, G and B are each the Canny value and whose alpha is 255.
    /// What is identical is therefore the Canny value of every pixel.</summary>
    [Fact]
    public void Sample_images_give_the_canny_values_of_pachyderms_edges_py()
    {
        using var tmp = new TempDir();
        var readable = PythonReference.Run("""
            import cv2, sys
            for path in sys.argv[1:]:
                if cv2.imread(path) is not None:
                    print(path)
            """, [.. RepoPaths.SampleFiles]).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var pfs = tmp.Pfs("images", readable);
        Directory.CreateDirectory(tmp["example/out"]);
        Directory.CreateSymbolicLink(tmp["example/images"], tmp["pfs/images"]);
        var example = File.ReadAllText(Path.Combine(RepoPaths.Root, "bench", "reference", "edges.py"));
        PythonReference.Run(example, tmp["example"]);
        Assert.Equal(0, Processes.Run(RepoPaths.Step("edges"), ["--pfs", pfs]).ExitCode);

        Assert.True(readable.Length >= 20, $"only {readable.Length} samples");
        foreach (var file in readable.Select(Path.GetFileName))
        {
            using var ours = Cv2.ImRead(tmp[$"pfs/out/images/{file}.png"], ImreadModes.Unchanged);
            var theirs = tmp[$"example/out/{Path.GetFileNameWithoutExtension(file)}.png"];
            using var saved = Cv2.ImRead(theirs, ImreadModes.Unchanged);
            Assert.Equal(MatType.CV_8UC4, saved.Type());
            var channels = saved.Split();
            try
            {
                Assert.All(channels[..3], c => Assert.True(SameBytes(c, ours), $"{file}: a colour channel differs"));
                Cv2.MinMaxLoc(channels[3], out double opaque, out _);
                Assert.Equal(255, opaque);
            }
            finally
            {
                foreach (var c in channels) c.Dispose();
            }
        }
    }

    private static bool SameBytes(Mat a, Mat b)
    {
        using var x = a.Clone();
        using var y = b.Clone();
        return x.Size() == y.Size() && x.AsSpan<byte>().SequenceEqual(y.AsSpan<byte>());
    }

    [Fact]
    public void Real_photos_match_python_opencv_pixel_for_pixel() =>
        AssertParity(RepoPaths.PhotoFiles, minimumCompared: 150);

    private void AssertParity(IReadOnlyList<string> files, int minimumCompared)
    {
        using var tmp = new TempDir();
        var pfs = tmp.Pfs("images", files);
        var reference = Directory.CreateDirectory(tmp["reference"]).FullName;
        PythonReference.Run(Reference, tmp["pfs/images"], reference);
        var run = Processes.Run(RepoPaths.Step("edges"), ["--pfs", pfs]);
        Assert.Equal(0, run.ExitCode);

        var expected = Directory.GetFiles(reference).Select(Path.GetFileName).Order().ToList();
        var produced = Directory.GetFiles(tmp["pfs/out/images"]).Select(Path.GetFileName).Order().ToList();
        Assert.Empty(expected.Except(produced));
        var onlyOurs = produced.Except(expected).ToList();
        foreach (var extra in onlyOurs) output.WriteLine($"only OpenCV 4.13 decodes {extra![..^4]}");
        Assert.All(onlyOurs, name => Assert.EndsWith(".gif.png", name, StringComparison.OrdinalIgnoreCase));
        Assert.True(expected.Count >= minimumCompared, $"only {expected.Count} images compared");

        var differing = expected
            .Where(name => !SamePixels(Path.Combine(reference, name!), tmp[$"pfs/out/images/{name}"])).ToList();
        Assert.Empty(differing);
    }

    private static bool SamePixels(string a, string b)
    {
        using var x = Cv2.ImRead(a, ImreadModes.Unchanged);
        using var y = Cv2.ImRead(b, ImreadModes.Unchanged);
        return x.Type() == MatType.CV_8UC1 && y.Type() == MatType.CV_8UC1 && x.Size() == y.Size()
               && x.AsSpan<byte>().SequenceEqual(y.AsSpan<byte>());
    }
}
