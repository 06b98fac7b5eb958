using ImgEda.Core.Imaging;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ImgEda.Analyze.Tests;

/// <summary>The cepstrum reads the length and direction of motion blur off copies of the real photos (the test half,
/// which tuning never looked at), and finds none in the photos as they are or in Gaussian copies.</summary>
public class MotionCepstrumTests(ITestOutputHelper output)
{
    private static readonly ImageLoader Loader = new();

    /// <summary>The test half's photos with detail to read, in gray, their long side brought to 1024 px at most (blur
    /// lengths below are in pixels of this size).</summary>
    private static IEnumerable<(string Name, Mat Picture)> Photos()
    {
        foreach (var file in RepoPaths.TestPhotoFiles)
        {
            using var loaded = Loader.LoadAsViewed(File.ReadAllBytes(file));
            if (loaded.Image is not { } image || Math.Min(image.Rows, image.Cols) < 200) continue;
            var scale = Math.Min(1.0, 1024.0 / Math.Max(image.Rows, image.Cols));
            var picture = image.Resize(new Size(0, 0), scale, scale, InterpolationFlags.Area);
            yield return (Path.GetFileName(file), picture);
        }
    }

    /// <summary>16 window centres spread evenly over the image.</summary>
    private static List<Point> Spread(Mat image) =>
        Enumerable.Range(0, 16)
            .Select(i => new Point(image.Cols * (2 * (i % 4) + 1) / 8, image.Rows * (2 * (i / 4) + 1) / 8))
            .ToList();

    /// <summary>The copy as analyze sees it: saved as JPEG q95, decoded to gray.</summary>
    private static Mat AsAnalysed(Mat copy) =>
        Cv2.ImDecode(ImageEncoder.Jpeg(copy, 95), ImreadModes.Grayscale);

    private static MotionBlur? Find(Mat copy)
    {
        using var gray = AsAnalysed(copy);
        return MotionCepstrum.Find(gray, Spread(gray));
    }

    [Fact]
    public void Motion_is_found_with_its_length_and_direction_and_not_where_there_is_none()
    {
        int photos = 0, copies = 0, found = 0, wrong = 0, foundInSharp = 0, foundInGaussian = 0;
        var index = 0;
        foreach (var (name, picture) in Photos())
        {
            using (picture)
            {
                photos++;
                if (Find(picture) is { } inSharp)
                {
                    foundInSharp++;
                    output.WriteLine($"found in the photo: {name} {inSharp}");
                }
                using (var gaussian = BlurredCopies.Gaussian(picture, 2))
                    if (Find(gaussian) is { } inGaussian)
                    {
                        foundInGaussian++;
                        output.WriteLine($"found in the Gaussian copy: {name} {inGaussian}");
                    }
                // Two directions a photo, the six in turn, to keep the test short.
                foreach (var direction in (int[])[index % 6, (index + 3) % 6])
                {
                    copies++;
                    var degrees = BlurredCopies.MotionAngles[direction];
                    using var moved = BlurredCopies.Motion(picture, 9, direction);
                    var motion = Find(moved);
                    if (motion is null) { output.WriteLine($"not found: {name} at {degrees}°"); continue; }
                    found++;
                    var m = motion.Value;
                    if (Math.Abs(m.Length - BlurredCopies.MotionLength(9, direction)) > 2
                        || BlurredCopies.DirectionError(m.Degrees, direction) > 10)
                    {
                        wrong++;
                        output.WriteLine($"wrong: {name} at {degrees}°: {m}");
                    }
                }
                index++;
            }
        }
        output.WriteLine($"{photos} photos: motion found in {found} of {copies} copies ({wrong} wrong); found in "
                         + $"{foundInSharp} photos as they are and {foundInGaussian} Gaussian copies");
        Assert.True(photos >= 60, $"only {photos} photos");
        // Measured: 83 of 136 found, none wrong; found in 1 photo as it is (a wallpaper screenshot; its edges across
        // that direction are sharp, so its verdict stands) and 3 Gaussian copies with a dip just past the bar. The
        // misses are smooth pictures (gradients, soft wallpapers) with too little detail at the frequencies where the
        // motion's zeros lie; BlurMeter's edge measure judges those alone, as before.
        Assert.True(found >= copies * 0.55, $"motion found in {found} of {copies} copies");
        Assert.True(wrong <= found * 0.02, $"{wrong} of {found} found with the wrong length or direction");
        Assert.True(foundInSharp <= photos * 0.05, $"motion found in {foundInSharp} of {photos} sharp photos");
        Assert.True(foundInGaussian <= photos * 0.08, $"motion found in {foundInGaussian} of {photos} Gaussian copies");
    }
}
