using ImgEda.OpenCv;

namespace ImgEda.Edges.Tests;

/// <summary>imgeda-edges against Pachyderm's example, `cv2.Canny(cv2.imread(path), 100, 200)`, run by Debian's
/// python3-opencv on the same files: every pixel of every image OpenCV can read must be equal.</summary>
public class EdgeParityTests
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
    public void Sample_images_match_python_opencv_pixel_for_pixel() => AssertParity(RepoPaths.SampleFiles, minimumCompared: 20);

    [Fact]
    public void Real_photos_match_python_opencv_pixel_for_pixel() => AssertParity(RepoPaths.PhotoFiles, minimumCompared: 150);

    private static void AssertParity(IReadOnlyList<string> files, int minimumCompared)
    {
        using var tmp = new TempDir();
        var pfs = tmp.Pfs("images", files);
        var reference = Directory.CreateDirectory(tmp["reference"]).FullName;
        PythonReference.Run(Reference, tmp["pfs/images"], reference);
        var run = Processes.Run(RepoPaths.Step("edges"), ["--pfs", pfs]);
        Assert.Equal(0, run.ExitCode);

        var expected = Directory.GetFiles(reference).Select(Path.GetFileName).Order().ToList();
        var produced = Directory.GetFiles(tmp["pfs/out/images"]).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(expected, produced);
        Assert.True(expected.Count >= minimumCompared, $"only {expected.Count} images compared");

        var differing = expected.Where(name => !SamePixels(Path.Combine(reference, name!), tmp[$"pfs/out/images/{name}"])).ToList();
        Assert.Empty(differing);
    }

    private static bool SamePixels(string a, string b)
    {
        using var x = ImgCodecs.Read(a, ImreadModes.Unchanged);
        using var y = ImgCodecs.Read(b, ImreadModes.Unchanged);
        return x is not null && y is not null && x.Channels == 1 && y.Channels == 1 && x.Rows == y.Rows && x.Cols == y.Cols
               && x.ToArray<byte>().AsSpan().SequenceEqual(y.ToArray<byte>());
    }
}
