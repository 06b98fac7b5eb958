using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using ImgEda.Core.Records;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ImgEda.Analyze.Tests;

/// <summary>has_border_artifact on copies of the fetched photos with bands added (letterbox, pillarbox, padding to a
/// square, a frame; several colours and widths, JPEG quality 85 and PNG), and on the photos as they are.</summary>
public class BorderBandDetectorTests(ITestOutputHelper output)
{
    private static readonly ImageAnalyzer Analyzer = new(new AnalyzeOptions(), new ImageLoader());

    private static AnalyzeRecord Analyze(byte[] bytes, string name) =>
        Analyzer.Analyze(new Datum("images", name, "/dev/null"), bytes, "");

    private enum Layout { Letterbox, Pillarbox, Square, Frame }

    private static readonly Scalar[] Colours =
    [
        Scalar.All(0), Scalar.All(255), Scalar.All(114), new Scalar(40, 20, 160), new Scalar(200, 160, 30),
    ];
    private static readonly double[] Fractions = [0.01, 0.02, 0.05, 0.1, 0.2];

    /// <summary>The fetched photos without transparency and at least 128 px a side, reduced so that the long side is
    /// at most 1280 px (the test's speed; the detector works on whatever the analysis decode is).</summary>
    private static IEnumerable<(string Name, Mat Photo)> Photos()
    {
        var loader = new ImageLoader();
        foreach (var file in RepoPaths.PhotoFiles)
        {
            using var loaded = loader.Load(File.ReadAllBytes(file));
            if (loaded.Image is not { } image || loaded.Header.HasAlpha || Math.Min(image.Rows, image.Cols) < 128)
                continue;
            var scale = Math.Min(1, 1280.0 / Math.Max(image.Rows, image.Cols));
            yield return (Path.GetFileName(file),
                scale < 1 ? image.Resize(new Size(0, 0), scale, scale, InterpolationFlags.Area) : image.Clone());
        }
    }

    /// <summary>Band widths (top, bottom, left, right) that make each band the given fraction of its side (rounded up).
    /// </summary>
    private static (int Top, int Bottom, int Left, int Right) Widths(Layout layout, double fraction, int rows, int cols)
    {
        // w >= fraction * (side + 2w)  <=>  w >= fraction * side / (1 - 2 fraction)
        int Grow(int side) => (int)Math.Ceiling(fraction * side / (1 - 2 * fraction));
        switch (layout)
        {
            case Layout.Letterbox: return (Grow(rows), Grow(rows), 0, 0);
            case Layout.Pillarbox: return (0, 0, Grow(cols), Grow(cols));
            case Layout.Frame: return (Grow(rows), Grow(rows), Grow(cols), Grow(cols));
            default:
                var side = Math.Max(rows, cols);
                var (padRows, padCols) = (side - rows, side - cols);
                // A square photo gets a frame of the fraction instead.
                if (padRows == padCols) return Widths(Layout.Frame, fraction, rows, cols);
                return (padRows / 2, padRows - padRows / 2, padCols / 2, padCols - padCols / 2);
        }
    }

    [Fact]
    public void Banded_copies_of_photos_are_flagged_with_their_widths()
    {
        int copies = 0, flagged = 0, accurate = 0, photos = 0;
        var notes = new List<string>();
        var index = 0;
        foreach (var (name, photo) in Photos())
        {
            using (photo)
            {
                photos++;
                foreach (var layout in Enum.GetValues<Layout>())
                {
                    var colour = Colours[(index + (int)layout) % Colours.Length];
                    var fraction = Fractions[(index * 3 + (int)layout) % Fractions.Length];
                    var jpeg = (index + (int)layout) % 2 == 0;
                    var (top, bottom, left, right) = Widths(layout, fraction, photo.Rows, photo.Cols);
                    using var banded = photo.CopyMakeBorder(top, bottom, left, right, BorderTypes.Constant, colour);
                    var r = Analyze(jpeg ? ImageEncoder.Jpeg(banded, 85) : ImageEncoder.Png(banded), name);
                    copies++;
                    var w = r.BorderBands!;
                    var close = Math.Abs(w.Top - top) <= 2 && Math.Abs(w.Bottom - bottom) <= 2
                                && Math.Abs(w.Left - left) <= 2 && Math.Abs(w.Right - right) <= 2;
                    if (r.HasBorderArtifact) flagged++;
                    if (r.HasBorderArtifact && close) accurate++;
                    else
                        notes.Add($"{layout} {fraction} {colour} {(jpeg ? "jpeg" : "png")} {name}: "
                                  + $"true {top}/{bottom}/{left}/{right}, {Describe(r)}");
                }
                index++;
            }
        }
        output.WriteLine($"{copies} banded copies of {photos} photos: {flagged} flagged, "
                         + $"{accurate} flagged with widths within 2 px");
        notes.ForEach(output.WriteLine);
        Assert.True(photos >= 100, $"only {photos} photos");
        Assert.True(accurate >= copies * 0.95, $"{accurate} of {copies} flagged with the right widths");
    }

    [Fact]
    public void Few_fetched_photos_are_flagged()
    {
        var flagged = new List<string>();
        foreach (var file in RepoPaths.PhotoFiles)
        {
            var r = Analyze(File.ReadAllBytes(file), Path.GetFileName(file));
            if (r.HasBorderArtifact) flagged.Add($"{Path.GetFileName(file)}: {Describe(r)}");
        }
        output.WriteLine($"{flagged.Count} of {RepoPaths.PhotoFiles.Count} fetched photos flagged");
        flagged.ForEach(output.WriteLine);
        Assert.True(flagged.Count <= RepoPaths.PhotoFiles.Count * 0.02, $"{flagged.Count} photos flagged");
    }

    private static string Describe(AnalyzeRecord r) =>
        $"found {r.BorderBands?.Top}/{r.BorderBands?.Bottom}/{r.BorderBands?.Left}/{r.BorderBands?.Right} "
        + $"{r.BorderColor} flagged {r.HasBorderArtifact}";
}
