using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using ImgEda.Core.Records;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ImgEda.Analyze.Tests;

/// <summary>The blur verdict on the real photos: sharp images (smooth wallpapers and graphics included) are not
/// flagged; Gaussian-blurred copies (sigma 3) of the same images are. The variance of the Laplacian is measured
/// beside it to show why it is not used.</summary>
public class BlurMeterTests(ITestOutputHelper output)
{
    private static readonly ImageAnalyzer Analyzer = new(new AnalyzeOptions(), new ImageLoader());

    private static AnalyzeRecord Analyze(byte[] bytes, string name) => Analyzer.Analyze(new Datum("images", name, "/dev/null"), bytes, "");

    [Fact]
    public void Sharp_photos_are_not_blurry_and_their_sigma_3_copies_are()
    {
        int judged = 0, sharpFlagged = 0, blurredMissed = 0, laplacianFlagged = 0;
        var notes = new List<string>();
        foreach (var file in RepoPaths.PhotoFiles)
        {
            var bytes = File.ReadAllBytes(file);
            var sharp = Analyze(bytes, Path.GetFileName(file));
            // Nothing to judge: flat images are never flagged, and sigma 3 leaves no edge at all in an icon.
            if (sharp.BlurScore is null || Math.Min(sharp.Width ?? 0, sharp.Height ?? 0) < 64) continue;
            judged++;
            using var image = Cv2.ImDecode(bytes, ImreadModes.Color);
            using var blurred = image.GaussianBlur(new Size(0, 0), 3);
            var copy = Analyze(ImageEncoder.Jpeg(blurred, 95), "blurred.jpg");
            if (sharp.IsBlurry) { sharpFlagged++; notes.Add($"sharp flagged: {file} {sharp.BlurScore}"); }
            if (!copy.IsBlurry) { blurredMissed++; notes.Add($"blurred missed: {file} {copy.BlurScore}"); }
            if (LaplacianVariance(image) < 100) laplacianFlagged++;
        }
        output.WriteLine($"judged {judged}; sharp flagged {sharpFlagged}; blurred missed {blurredMissed}; variance of Laplacian < 100 flags {laplacianFlagged} sharp images");
        notes.ForEach(output.WriteLine);
        Assert.True(judged >= 140, $"only {judged} photos had edges to judge");
        Assert.True(sharpFlagged <= judged * 0.05, $"{sharpFlagged} of {judged} sharp photos flagged");
        Assert.Equal(0, blurredMissed);
        Assert.True(laplacianFlagged >= judged * 0.25, "the baseline should show the problem this solves");
    }

    [Fact]
    public void A_flat_image_has_no_blur_score_and_is_not_blurry()
    {
        using var flat = new Mat(200, 300, MatType.CV_8UC3, Scalar.All(128));
        var record = Analyze(ImageEncoder.Png(flat), "flat.png");
        Assert.Null(record.BlurScore);
        Assert.False(record.IsBlurry);
    }

    [Fact]
    public void More_blur_means_a_higher_score()
    {
        using var image = Cv2.ImRead(Path.Combine(RepoPaths.Samples, "astronaut.png"));
        using var gray = image.CvtColor(ColorConversionCodes.BGR2GRAY);
        var scores = new[] { 0.0, 1, 2, 4 }.Select(sigma =>
        {
            using var b = gray.GaussianBlur(new Size(0, 0), sigma == 0 ? 0.01 : sigma);
            return BlurMeter.EdgeSigma(b)!.Value;
        }).ToList();
        Assert.Equal(scores.Order(), scores);
        Assert.True(scores[3] > 2 * scores[0], string.Join(", ", scores));
    }

    private static double LaplacianVariance(Mat bgr)
    {
        using var gray = bgr.CvtColor(ColorConversionCodes.BGR2GRAY);
        using var lap = gray.Laplacian(MatType.CV_64F);
        Cv2.MeanStdDev(lap, out _, out var stdDev);
        var std = stdDev.Val0;
        return std * std;
    }
}
