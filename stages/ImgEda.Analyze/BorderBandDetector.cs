using OpenCvSharp;

namespace ImgEda.Analyze;

/// <summary>Band widths along the four edges, in pixels of the analysed image (fractional: the boundary is placed
/// between pixels where the step to the picture is half-way).</summary>
public readonly record struct BorderBands(double Top, double Bottom, double Left, double Right)
{
    public bool Any => Top > 0 || Bottom > 0 || Left > 0 || Right > 0;
}

/// <summary>Uniform bands along the edges that are not part of the picture: letterbox and pillarbox bars, padding to a
/// square, scanner or screenshot frames. From each edge inwards, a band is the run of rows (or columns) that are of one
/// colour across their whole length (the outermost line's colour), and it must end in a clear step to the picture: the
/// next few lines are mostly of another colour. So a sky (one colour, but fading with no step) or a vignette (dark
/// corners, but a row is not one colour) is not a band. Colours are compared by luma and by their largest channel
/// difference (a red bar beside a dark blue picture has the same luma), with more tolerance for chroma. The step is
/// located where the lines' mean difference from the band colour is half-way between band and picture, which keeps
/// JPEG ringing (and chroma bleeding) in the last lines of a band from shortening it.
/// </summary>
public static class BorderBandDetector
{
    /// <summary>A pixel within this many levels of the band's luma, and within <see cref="ChromaFactor"/> times as many
    /// in every channel, belongs to the band: JPEG keeps luma at full resolution but subsamples and rings the chroma
    /// for up to 16 px around a boundary.</summary>
    private const int Tolerance = 10;
    private const int ChromaFactor = 3;
    /// <summary>A line is part of a band when this share of its pixels is of the band colour.</summary>
    private const double BandShare = 0.97;
    /// <summary>A line is picture when no more than this share of its pixels is of the band colour.</summary>
    private const double PictureShare = 0.5;
    /// <summary>The step from band to picture happens within this many lines (JPEG ringing, a reduced decode).
    /// </summary>
    private const int StepLines = 4;
    /// <summary>In a thumbnail-sized image (a 10x10 gradient) every line is one colour with a step to the next: no band
    /// is told from the picture below this size.</summary>
    private const int MinLines = 32;

    /// <summary>The bands of an 8-bit BGR image, given with its luma.</summary>
    public static BorderBands Measure(Mat bgr, Mat gray)
    {
        var pixels = new Pixels(bgr.AsSpan<byte>(), gray.AsSpan<byte>());
        int rows = bgr.Rows, cols = bgr.Cols;
        return new BorderBands(
            Side(pixels, rows, cols, lineStep: cols, pixelStep: 1, first: 0),
            Side(pixels, rows, cols, lineStep: -cols, pixelStep: 1, first: (rows - 1) * cols),
            Side(pixels, cols, rows, lineStep: 1, pixelStep: cols, first: 0),
            Side(pixels, cols, rows, lineStep: -1, pixelStep: cols, first: cols - 1));
    }

    private readonly ref struct Pixels(ReadOnlySpan<byte> bgr, ReadOnlySpan<byte> luma)
    {
        public readonly ReadOnlySpan<byte> Bgr = bgr;
        public readonly ReadOnlySpan<byte> Luma = luma;
    }

    /// <summary>The band width from one edge: <paramref name="lines"/> lines of <paramref name="length"/> pixels, line
    /// i starting at pixel first + i·lineStep, its pixels pixelStep apart.</summary>
    private static double Side(Pixels pixels, int lines, int length, int lineStep, int pixelStep, int first)
    {
        var maxDepth = lines / 2;
        if (lines < MinLines || length < MinLines) return 0;
        var line = new Line(length, pixelStep);
        var colour = line.Median(pixels, first);
        var end = 0;
        while (end < maxDepth && line.IsBand(pixels, first + end * lineStep, colour)) end++;
        if (end == 0 || end >= maxDepth) return 0;
        // The first line that is clearly picture, a few lines on at most.
        var picture = -1;
        for (var i = end; i < Math.Min(end + StepLines, maxDepth) && picture < 0; i++)
            if (line.Share(pixels, first + i * lineStep, colour) <= PictureShare) picture = i;
        if (picture < 0) return 0;
        var half = line.Difference(pixels, first + picture * lineStep, colour) / 2;
        var previous = line.Difference(pixels, first, colour);
        if (previous >= half) return 0;
        for (var i = 1; i <= picture; i++)
        {
            var d = line.Difference(pixels, first + i * lineStep, colour);
            // Lines 0..i-1 are band; the boundary lies within line i in proportion to how far it has stepped.
            if (d >= half) return i - 0.5 + (half - previous) / (d - previous);
            previous = d;
        }
        return picture;
    }

    private readonly record struct Colour(int B, int G, int R, int Y);

    /// <summary>A line of BGR pixels: <paramref name="Length"/> pixels, <paramref name="PixelStep"/> pixels apart.
    /// </summary>
    private readonly record struct Line(int Length, int PixelStep)
    {
        /// <summary>The per-channel median of the line from pixel <paramref name="start"/>.</summary>
        public Colour Median(Pixels pixels, int start) => new(Median(pixels.Bgr, start, 3, 0),
            Median(pixels.Bgr, start, 3, 1), Median(pixels.Bgr, start, 3, 2), Median(pixels.Luma, start, 1, 0));

        private int Median(ReadOnlySpan<byte> pixels, int start, int channels, int channel)
        {
            Span<int> histogram = stackalloc int[256];
            for (var k = 0; k < Length; k++) histogram[pixels[(start + k * PixelStep) * channels + channel]]++;
            var seen = 0;
            for (var level = 0; level < 256; level++)
            {
                seen += histogram[level];
                if (seen * 2 >= Length) return level;
            }
            return 255;
        }

        /// <summary>At least <see cref="BandShare"/> of the line is of the colour; stops at the first pixel too many
        /// that is not (most lines of a photo fail within a few pixels).</summary>
        public bool IsBand(Pixels pixels, int start, Colour colour)
        {
            var allowed = (int)(Length * (1 - BandShare));
            for (var k = 0; k < Length; k++)
                if (Distance(pixels, start + k * PixelStep, colour) > Tolerance && --allowed < 0) return false;
            return true;
        }

        /// <summary>The share of the line's pixels that are of the colour (see <see cref="Tolerance"/>).</summary>
        public double Share(Pixels pixels, int start, Colour colour)
        {
            var within = 0;
            for (var k = 0; k < Length; k++)
                if (Distance(pixels, start + k * PixelStep, colour) <= Tolerance) within++;
            return (double)within / Length;
        }

        /// <summary>The line's mean difference from the colour.</summary>
        public double Difference(Pixels pixels, int start, Colour colour)
        {
            long sum = 0;
            for (var k = 0; k < Length; k++) sum += Distance(pixels, start + k * PixelStep, colour);
            return (double)sum / Length;
        }

        /// <summary>The luma difference, or the largest channel difference over <see cref="ChromaFactor"/>.</summary>
        private static int Distance(Pixels pixels, int pixel, Colour colour)
        {
            var o = pixel * 3;
            var channels = Math.Max(Math.Abs(pixels.Bgr[o] - colour.B),
                Math.Max(Math.Abs(pixels.Bgr[o + 1] - colour.G), Math.Abs(pixels.Bgr[o + 2] - colour.R)));
            return Math.Max(Math.Abs(pixels.Luma[pixel] - colour.Y), channels / ChromaFactor);
        }
    }
}
