using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using OpenCvSharp;

namespace ImgEda.Edges.Tests;

public class EdgeDetectorTests
{
    private static readonly byte[] Coffee = File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "coffee.png"));

    private static byte[] EdgePixels(EdgeOptions options)
    {
        var detector = new EdgeDetector(options, new ImageLoader());
        var result = detector.Process(new Datum("images", "coffee.png", "coffee.png"), Coffee, "");
        var output = Assert.Single(result.Outputs);
        Assert.Equal(".png", output.Suffix);
        using var mat = Cv2.ImDecode(output.Content, ImreadModes.Unchanged);
        Assert.Equal(MatType.CV_8UC1, mat.Type());
        return mat.AsSpan<byte>().ToArray();
    }

    [Fact]
    public void Lower_thresholds_find_more_edges_and_every_option_changes_the_output()
    {
        var standard = EdgePixels(new EdgeOptions());
        var lower = EdgePixels(new EdgeOptions(Threshold1: 30, Threshold2: 60));
        Assert.True(lower.Count(p => p == 255) > standard.Count(p => p == 255) * 1.2);
        Assert.NotEqual(standard, EdgePixels(new EdgeOptions(L2Gradient: true)));
        Assert.NotEqual(standard, EdgePixels(new EdgeOptions(Threshold1: 1000, Threshold2: 3000, Aperture: 5)));
        Assert.All(standard, p => Assert.True(p is 0 or 255));
    }

    [Fact]
    public void The_options_key_changes_with_every_option()
    {
        var options = new[]
        {
            new EdgeOptions(),
            new EdgeOptions(Threshold1: 50),
            new EdgeOptions(Threshold2: 250),
            new EdgeOptions(Aperture: 5),
            new EdgeOptions(L2Gradient: true),
        };
        var keys = options.Select(o => new EdgeDetector(o, new ImageLoader()).OptionsKey);
        Assert.Equal(5, keys.Distinct().Count());
    }

    [Fact]
    public void An_undecodable_image_yields_no_output_and_a_reason()
    {
        var detector = new EdgeDetector(new EdgeOptions(), new ImageLoader());
        var result = detector.Process(new Datum("images", "x.jpg", "x.jpg"), "garbage"u8, "");
        Assert.Empty(result.Outputs);
        Assert.Contains("not an image", result.Problem);
    }
}
