using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using OpenCvSharp;

namespace ImgEda.Analyze;

/// <summary>The blur of an image's sharpest region, where that region is, and the motion blur the spectrum shows.
/// </summary>
/// <param name="Sigma">Estimated Gaussian sigma of the region's edges, in pixels of the analysed image.</param>
/// <param name="Region">The region, in pixels of the analysed image.</param>
/// <param name="Motion">The image's motion blur as <see cref="MotionCepstrum"/> reads it; null when none shows.</param>
public readonly record struct BlurMeasure(double Sigma, Rect Region, MotionBlur? Motion = null);

/// <summary>Content-aware blur: estimates the Gaussian sigma of the edges of the image's sharpest region.
/// At an edge of contrast C blurred by a Gaussian of sigma s, the steepest gradient is C / (s·√(2π)); so
/// gradient / local contrast measures sharpness independently of how much texture or contrast an image has.
/// The variance of the Laplacian, by contrast, is low for every smooth image, sharp or not (sky, wallpapers,
/// graphics), which is why it flags about half of all sharp images.
/// An image is as sharp as its sharpest region (a macro or bokeh photo is in focus where its subject is), so the
/// measure is taken per tile of a grid and the sharpest tile wins. Within a tile, edges are judged by orientation
/// range (45° wide, one starting every 15°), and a region counts as sharp as the blurrier range of its sharpest pair
/// of ranges at least 30° apart: motion blur smears an edge by its length times the sine of the edge's angle to the
/// motion, so only edges nearly along the motion stay sharp, and a region is in focus only when edges of two
/// orientations well apart are. (Four fixed 45° orientations judged by the second-sharpest let motion at 22.5°,
/// 67.5° or 112.5° pass as sharp in 150 of 204 copies on the tuning half: the edges along it fall on two of them at
/// once.)
/// Motion halfway between two such ranges smears the edges of both by little (2.3 px for 9 px of motion), so a region
/// can still pass as sharp; when <see cref="MotionCepstrum"/> reads the motion's direction off the spectrum, a region
/// must also be sharp across it.
/// Edges with an opposite edge a few pixels away (the two sides of a band) are left out when enough others remain:
/// motion blur smears a thin feature (a line, a star, a stroke) into a band whose sides are steps, sharp whatever the
/// blur (on the held-out photos, when four fixed orientations were judged, counting them let 9 of 73 motion-blurred
/// copies pass as in focus; leaving them out, 5).</summary>
public static class BlurMeter
{
    /// <summary>Half-width of the window that measures local contrast; wide enough for sigma up to ~3.</summary>
    private const int ContrastRadius = 7;
    /// <summary>Edges fainter than this (0-255) are noise or texture, not edges to judge.</summary>
    private static readonly int[] ContrastFloors = [40, 16, 8];
    private const int MinEdgePixels = 100;
    /// <summary>An orientation range counts in the whole-image measure with this many edge pixels: a motion-blurred
    /// image has few edges across the motion (wide ramps have few gradient maxima), and asking for as many as in the
    /// sharp orientation let such images be judged by their sharp edges alone.</summary>
    private const int MinOrientationEdges = 20;
    /// <summary>An orientation range counts in a tile with this many edge pixels.</summary>
    private const int MinTileEdgePixels = 40;
    /// <summary>Judge by the sharpest edges: a region in focus is sharp at its best edges.</summary>
    private const double Percentile = 0.95;
    private const double WholeImagePercentile = 0.99;
    /// <summary>gradient / contrast is binned by 1/511 (~0.6% of the ratio at the blur threshold): 12 angle bins of
    /// 144 cells take 3.5 MB a worker at this size.</summary>
    private const int Bins = 512;
    /// <summary>The histograms' coarse level: bins summed by 16, so that a percentile reads 32 coarse bins and then 16
    /// fine ones instead of 512 for each of the many (tile, orientation range) pairs.</summary>
    private const int CoarseWidth = 16, CoarseBins = Bins / CoarseWidth;
    /// <summary>Edge orientations are binned by 15°, bin k centred on k × 15° (so that axis-aligned edges, the most
    /// common, sit in the middle of a bin).</summary>
    private const int AngleBins = 12, AngleBinDegrees = 180 / AngleBins;
    /// <summary>An orientation range is 3 bins (45°); two ranges judged together have 2 bins (30°) between them.
    /// </summary>
    private const int RangeBins = 3, RangeGap = 2;
    /// <summary>The grid has this many cells a side; a tile is 2x2 cells moved one cell at a time, so any rectangle of
    /// a third of the width and height (a tenth of the area) holds a whole tile.</summary>
    private const int GridCells = 12;
    private const int MinCellSide = 16;

    /// <summary>Buffers reused from image to image, one set per worker thread (13 bytes a pixel: a 2560x1600 image
    /// needs ~53 MB of them, which fresh allocations would fault in page by page for every image). The gradients are
    /// kept as 16-bit integers (a 3x3 Sobel of 8-bit pixels is exact in them); <see cref="Work"/> holds in turn the
    /// squared magnitude's 3x3 maximum and the local contrast.</summary>
    private sealed class Buffers
    {
        public readonly ScratchMat Gx = new(), Gy = new(), SquaredMagnitude = new(), Work = new(), IsLocalMax = new();
        /// <summary>Sized for the largest grid (3.5 MB), which every image of 192 px a side or more has.</summary>
        public readonly EdgeHistograms Histograms = new(new int[MaxSlots * Bins], new int[MaxSlots * CoarseBins],
            new int[MaxSlots]);
    }

    private const int MaxSlots = GridCells * GridCells * AngleBins;

    private static readonly System.Collections.Concurrent.ConcurrentBag<Buffers> Pool = [];

    /// <summary>The blur sigma in pixels of the decoded image's sharpest region, or null when it has no edges to judge.
    /// </summary>
    public static double? EdgeSigma(Mat gray) => Measure(gray)?.Sigma;

    /// <summary>The sharpest region and its blur, or null when the image has no edges to judge.</summary>
    public static BlurMeasure? Measure(Mat gray)
    {
        if (gray.Rows < 16 || gray.Cols < 16) return null;
        var buffers = Pool.TryTake(out var b) ? b : new Buffers();
        try
        {
            return Measure(gray, buffers);
        }
        finally
        {
            Pool.Add(buffers);
        }
    }

    private static BlurMeasure? Measure(Mat gray, Buffers buffers)
    {
        int rows = gray.Rows, cols = gray.Cols;
        using var gx = buffers.Gx.Get(rows, cols, MatType.CV_16SC1);
        using var gy = buffers.Gy.Get(rows, cols, MatType.CV_16SC1);
        using var squared = buffers.SquaredMagnitude.Get(rows, cols, MatType.CV_32FC1);
        using var isLocalMax = buffers.IsLocalMax.Get(rows, cols, MatType.CV_8UC1);
        Cv2.Sobel(gray, gx, MatType.CV_16S, 1, 0);
        Cv2.Sobel(gray, gy, MatType.CV_16S, 0, 1);
        SquaredMagnitude(gx.AsSpan<short>(), gy.AsSpan<short>(), squared.AsSpan<float>());
        using (var squaredMax = buffers.Work.Get(rows, cols, MatType.CV_32FC1))
        {
            Morphology(squared, squaredMax, MorphTypes.Dilate, 3);
            Cv2.Compare(squared, squaredMax, isLocalMax, CmpTypes.GE);
        }
        // The morphological gradient (dilation minus erosion) is the local contrast.
        using var contrast = buffers.Work.Get(rows, cols, MatType.CV_8UC1);
        Morphology(gray, contrast, MorphTypes.Gradient, 2 * ContrastRadius + 1);

        var grid = new Grid(rows, cols);
        var histograms = buffers.Histograms;
        var maps = new EdgeMaps(squared.AsSpan<float>(), isLocalMax.AsSpan<byte>(), contrast.AsSpan<byte>(),
            gx.AsSpan<short>(), gy.AsSpan<short>());
        foreach (var floor in ContrastFloors)
        {
            var edges = Histogram(grid, maps, floor, histograms, skipBandSides: true);
            // An image drawn in thin strokes (a logo, line art) is all band sides: judge it by them.
            if (edges < MinEdgePixels) edges = Histogram(grid, maps, floor, histograms, skipBandSides: false);
            if (edges < MinEdgePixels) continue;
            var motion = MotionCepstrum.Find(gray, BusiestCells(grid, histograms.Counts));
            // The angle bin of the gradients that point along the motion: those of the edges it smears most.
            int? motionBin = motion is { } m ? (int)Math.Round(m.Degrees / AngleBinDegrees) % AngleBins : null;
            var tile = SharpestTile(grid, histograms, motionBin);
            var whole = WholeImage(grid, histograms, motionBin);
            var sharpest = tile is { } t && (whole is not { } w || t.Sigma < w.Sigma) ? t : whole;
            return sharpest is { } s ? s with { Motion = motion } : null;
        }
        return null;
    }

    private readonly ref struct EdgeMaps(ReadOnlySpan<float> squaredMagnitude, ReadOnlySpan<byte> isLocalMax,
        ReadOnlySpan<byte> contrast, ReadOnlySpan<short> gx, ReadOnlySpan<short> gy)
    {
        public readonly ReadOnlySpan<float> SquaredMagnitude = squaredMagnitude;
        public readonly ReadOnlySpan<short> Gx = gx, Gy = gy;
        public readonly ReadOnlySpan<byte> IsLocalMax = isLocalMax, Contrast = contrast;
    }

    /// <summary>Per (grid cell, angle bin) slot, a histogram of gradient / contrast in <see cref="Bins"/> bins and the
    /// same summed by 16, with the slot's edge count. A slot with no edges has a fine histogram of zeros (its coarse
    /// one is never read), whatever image filled the buffers last.</summary>
    private readonly record struct EdgeHistograms(int[] Fine, int[] Coarse, int[] Counts);

    /// <summary>tan(7.5°), tan(22.5°), ... tan(82.5°): the bounds of the angle bins within a quadrant.</summary>
    private static readonly float[] BinBounds =
        [0.13165249f, 0.41421356f, 0.76732698f, 1.30322537f, 2.41421356f, 7.59575411f];

    /// <summary>The gradient's angle bin (0 across x, 6 across y), without a trigonometric call per edge pixel.
    /// </summary>
    private static int AngleBin(int gx, int gy)
    {
        float ax = Math.Abs(gx), ay = Math.Abs(gy);
        var bin = 0;
        while (bin < BinBounds.Length && ay > ax * BinBounds[bin]) bin++;
        // Angles are taken modulo 180°: a gradient with x and y of opposite signs lies in the second quadrant.
        return (gx >= 0) == (gy >= 0) || bin == 0 ? bin : AngleBins - bin;
    }

    /// <summary>The 45° orientation (0 across x, 2 across y, 1 and 3 the diagonals) an angle bin lies in.</summary>
    private static int Orientation(int angleBin) => (angleBin + 1) / RangeBins % 4;

    /// <summary>gx² + gy², in one pass over the gradients (five OpenCV passes took three times as long). Integers
    /// below 2^11 square and add to an integer below 2^24, exact in a float: the magnitude itself (Cv2.Magnitude)
    /// differed from process to process for the same image (two sets of values in eight runs), which moved the local
    /// maxima that tie, and with them the score.</summary>
    private static void SquaredMagnitude(ReadOnlySpan<short> gx, ReadOnlySpan<short> gy, Span<float> squared)
    {
        if (gy.Length != gx.Length || squared.Length != gx.Length) throw new ArgumentException("sizes differ");
        ref var x = ref MemoryMarshal.GetReference(gx);
        ref var y = ref MemoryMarshal.GetReference(gy);
        ref var result = ref MemoryMarshal.GetReference(squared);
        var lanes = (nuint)Vector128<short>.Count;
        nuint i = 0;
        for (; i + lanes <= (nuint)gx.Length; i += lanes)
        {
            var (xLow, xHigh) = Vector128.Widen(Vector128.LoadUnsafe(ref x, i));
            var (yLow, yHigh) = Vector128.Widen(Vector128.LoadUnsafe(ref y, i));
            Vector128.ConvertToSingle(xLow * xLow + yLow * yLow).StoreUnsafe(ref result, i);
            Vector128.ConvertToSingle(xHigh * xHigh + yHigh * yHigh).StoreUnsafe(ref result, i + lanes / 2);
        }
        for (var k = (int)i; k < gx.Length; k++) squared[k] = gx[k] * gx[k] + gy[k] * gy[k];
    }

    /// <summary>A morphological operation with a square kernel of side <paramref name="kernelSize"/>.</summary>
    private static void Morphology(Mat image, Mat result, MorphTypes operation, int kernelSize)
    {
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(kernelSize, kernelSize));
        Cv2.MorphologyEx(image, result, operation, kernel);
    }

    /// <summary>Per grid cell and angle bin, the histogram of gradient / contrast over edge pixels (local
    /// gradient maxima above the floor, without the sides of bands when <paramref name="skipBandSides"/>); returns how
    /// many edge pixels there are in all.</summary>
    private static int Histogram(Grid grid, EdgeMaps maps, int floor, EdgeHistograms histograms, bool skipBandSides)
    {
        var (fine, coarse, counts) = histograms;
        // Only the slots a pass filled (of this image or the one before) need clearing: an image's edges fill a
        // fraction of the 3.5 MB.
        for (var slot = 0; slot < counts.Length; slot++)
        {
            if (counts[slot] == 0) continue;
            fine.AsSpan(slot * Bins, Bins).Clear();
            counts[slot] = 0;
        }
        var count = 0;
        // The cell column of every x, looked up rather than divided for each edge pixel.
        var columnCells = new int[grid.Cols];
        for (var x = 0; x < grid.Cols; x++) columnCells[x] = grid.ColumnCell(x);
        for (var y = 0; y < grid.Rows; y++)
        {
            var rowCell = grid.RowCell(y) * grid.Side;
            var start = y * grid.Cols;
            for (var x0 = 0; x0 < grid.Cols; x0 += CandidateLanes)
            {
                var lanes = Math.Min(CandidateLanes, grid.Cols - x0);
                for (var bits = Candidates(maps, start + x0, lanes, floor); bits != 0; bits &= bits - 1)
                {
                    var x = x0 + BitOperations.TrailingZeroCount(bits);
                    var i = start + x;
                    var squared = maps.SquaredMagnitude[i];
                    if (squared <= 0) continue;
                    var angleBin = AngleBin(maps.Gx[i], maps.Gy[i]);
                    if (skipBandSides && IsBandSide(maps, grid, x, y, Orientation(angleBin))) continue;
                    // Sobel 3x3 weighs the difference by 8; the steepest possible step gives a ratio of 1 (gradient
                    // 1/px per level).
                    var ratio = Math.Sqrt(squared) / 8.0 / maps.Contrast[i];
                    var slot = (rowCell + columnCells[x]) * AngleBins + angleBin;
                    var bin = Math.Min(Bins - 1, (int)(ratio * (Bins - 1)));
                    fine[slot * Bins + bin]++;
                    counts[slot]++;
                    count++;
                }
            }
        }
        SumCoarse(histograms);
        return count;
    }

    private static readonly int CandidateLanes = Vector128<byte>.Count;

    /// <summary>A bit for each of the <paramref name="length"/> pixels from <paramref name="start"/> (at most
    /// <see cref="CandidateLanes"/>) that is a local gradient maximum with contrast at least <paramref name="floor"/>:
    /// most pixels are neither, and testing them a vector at a time leaves only the candidates to look at.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Candidates(EdgeMaps maps, int start, int length, int floor)
    {
        if (length < CandidateLanes) return TailCandidates(maps, start, length, floor);
        var contrast = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(maps.Contrast), (nuint)start);
        var isLocalMax = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(maps.IsLocalMax), (nuint)start);
        var above = Vector128.GreaterThanOrEqual(contrast, Vector128.Create((byte)floor));
        return (above & ~Vector128.Equals(isLocalMax, Vector128<byte>.Zero)).ExtractMostSignificantBits();
    }

    private static uint TailCandidates(EdgeMaps maps, int start, int length, int floor)
    {
        var bits = 0u;
        for (var k = 0; k < length; k++)
            if (maps.Contrast[start + k] >= floor && maps.IsLocalMax[start + k] != 0) bits |= 1u << k;
        return bits;
    }

    /// <summary>Each slot's coarse histogram from its fine one, once per pass (the percentiles read it many times).
    /// </summary>
    private static void SumCoarse(EdgeHistograms histograms)
    {
        var (fine, coarse, counts) = histograms;
        for (var slot = 0; slot < counts.Length; slot++)
        {
            if (counts[slot] == 0) continue;
            for (var c = slot * CoarseBins; c < (slot + 1) * CoarseBins; c++)
            {
                var sum = 0;
                foreach (var n in fine.AsSpan(c * CoarseWidth, CoarseWidth)) sum += n;
                coarse[c] = sum;
            }
        }
    }


    /// <summary>How far (px) the other side of a band is looked for: motion blur of 4 to 12 px (at the analysis
    /// resolution) turns thin features into such bands.</summary>
    private const int MinBandWidth = 4, MaxBandWidth = 12;

    /// <summary>Whether the edge at (x, y), of <paramref name="orientation"/>, has, <see cref="MinBandWidth"/> to
    /// <see cref="MaxBandWidth"/> px away along its gradient (either way), an edge of about its strength (half to
    /// twice) facing the other way (within ~37°): the two sides of a band.</summary>
    private static bool IsBandSide(EdgeMaps maps, Grid grid, int x, int y, int orientation)
    {
        int i = y * grid.Cols + x, gx = maps.Gx[i], gy = maps.Gy[i];
        float squared = maps.SquaredMagnitude[i];
        var (dx, dy) = orientation switch { 0 => (1, 0), 2 => (0, 1), 1 => (1, 1), _ => (1, -1) };
        // A diagonal step is √2 px long.
        var (min, max) = dx == 0 || dy == 0 ? (MinBandWidth, MaxBandWidth) : (3, 9);
        foreach (var sign in (ReadOnlySpan<int>)[1, -1])
        {
            var inside = Math.Min(StepsInside(x, sign * dx, grid.Cols), StepsInside(y, sign * dy, grid.Rows));
            var last = Math.Min(max, inside);
            var step = sign * (dy * grid.Cols + dx);
            for (int k = min, j = i + min * step; k <= last; k++, j += step)
            {
                // Facing the other way within ~37° (cos > 0.8), half to twice as strong; squared magnitudes are exact
                // integers, and so is the dot product.
                var dot = gx * maps.Gx[j] + gy * maps.Gy[j];
                if (dot >= 0) continue;
                var other = maps.SquaredMagnitude[j];
                if (4 * other >= squared && other <= 4 * squared && 25.0 * dot * dot > 16.0 * squared * other)
                    return true;
            }
        }
        return false;
    }

    /// <summary>How many steps of <paramref name="delta"/> from <paramref name="position"/> stay inside [0, length).
    /// </summary>
    private static int StepsInside(int position, int delta, int length) =>
        delta > 0 ? length - 1 - position : delta < 0 ? position : int.MaxValue;

    /// <summary>How many windows <see cref="MotionCepstrum"/> reads: on the tuning half, 12 found as much motion as
    /// 16, 24 or 48 (8 missed one more copy), at ~0.2 ms a window.</summary>
    private const int MotionWindows = 12;

    /// <summary>The centres of the <see cref="MotionWindows"/> cells with the most edge pixels: a flat window has no
    /// spectrum to read motion from.</summary>
    private static List<Point> BusiestCells(Grid grid, int[] counts)
    {
        var perCell = new int[grid.Cells];
        for (var slot = 0; slot < grid.Cells * AngleBins; slot++) perCell[slot / AngleBins] += counts[slot];
        return Enumerable.Range(0, grid.Cells)
            .Where(cell => perCell[cell] > 0)
            .OrderByDescending(cell => perCell[cell])
            .Take(MotionWindows)
            .Select(cell => grid.Region(cell % grid.Side, cell / grid.Side, 1))
            .Select(region => new Point(region.X + region.Width / 2, region.Y + region.Height / 2))
            .ToList();
    }

    /// <summary>Angle bins either side of the motion's whose edges it smears: the orientation ranges within them hold
    /// gradients within 52.5° of the motion, smeared by at least cos 52.5° ≈ 0.6 of its length.</summary>
    private const int AcrossMotionBins = 3;

    /// <summary>A block's sigma given the motion <see cref="MotionCepstrum"/> found (angle bin
    /// <paramref name="motionBin"/>): its sharpest pair's, or its sharpest range of edges across the motion if that
    /// is blurrier. A block sharp in two ranges with the motion between them is motion-blurred when it is soft across
    /// the motion; a block with no edges across it keeps its pair's sigma (a region in focus whose edges all lie along
    /// the motion cannot be told from a motion-blurred one, and is given the benefit of the doubt).</summary>
    private static double? GivenMotion(double? pair, ReadOnlySpan<double> sigmas, int? motionBin)
    {
        if (pair is not { } sigma || motionBin is not { } bin) return pair;
        var across = double.NaN;
        for (var first = bin - AcrossMotionBins; first <= bin + AcrossMotionBins - RangeBins + 1; first++)
        {
            var range = sigmas[(first + AngleBins) % AngleBins];
            if (double.IsNaN(across) || range < across) across = range;
        }
        return double.IsNaN(across) ? sigma : Math.Max(sigma, across);
    }

    /// <summary>The tile (2x2 cells) that is the sharpest by <see cref="SharpestPair"/>; null when no tile has enough
    /// edges in two orientation ranges far enough apart.</summary>
    private static BlurMeasure? SharpestTile(Grid grid, EdgeHistograms histograms, int? motionBin)
    {
        BlurMeasure? best = null;
        var span = Math.Min(2, grid.Side);
        Span<double> sigmas = stackalloc double[AngleBins];
        for (var ty = 0; ty + span <= grid.Side; ty++)
        {
            for (var tx = 0; tx + span <= grid.Side; tx++)
            {
                var block = new CellBlock(tx, ty, span);
                RangeSigmas(grid, histograms, block, MinTileEdgePixels, Percentile, sigmas);
                if (GivenMotion(SharpestPair(sigmas), sigmas, motionBin) is { } sigma
                    && (best is null || sigma < best.Value.Sigma))
                    best = new BlurMeasure(sigma, grid.Region(tx, ty, span));
            }
        }
        return best;
    }

    /// <summary>The image as one region, judged like a tile (at the 99th percentile, as there are many more edges);
    /// with edges in one orientation range only (stripes, a few lines), by all its edges together. A tile can only be
    /// sharper than this: it catches the small subject of a macro shot.</summary>
    private static BlurMeasure? WholeImage(Grid grid, EdgeHistograms histograms, int? motionBin)
    {
        var whole = new CellBlock(0, 0, grid.Side);
        var region = grid.Region(0, 0, grid.Side);
        Span<double> sigmas = stackalloc double[AngleBins];
        RangeSigmas(grid, histograms, whole, MinOrientationEdges, WholeImagePercentile, sigmas);
        if (GivenMotion(SharpestPair(sigmas), sigmas, motionBin) is { } sigma) return new BlurMeasure(sigma, region);
        var pooled = Sharpness(grid, histograms, whole, 0, AngleBins, MinEdgePixels, WholeImagePercentile);
        return pooled is { } p ? new BlurMeasure(Sigma(p), region) : null;
    }

    /// <summary>span x span grid cells from cell (X, Y).</summary>
    private readonly record struct CellBlock(int X, int Y, int Span);

    /// <summary>For the orientation range starting at each angle bin, the sigma of the block's edges in it; NaN with
    /// fewer than <paramref name="minEdges"/> of them.</summary>
    private static void RangeSigmas(Grid grid, EdgeHistograms histograms, CellBlock block, int minEdges,
        double percentile, Span<double> sigmas)
    {
        for (var first = 0; first < AngleBins; first++)
        {
            var sharpness = Sharpness(grid, histograms, block, first, RangeBins, minEdges, percentile);
            sigmas[first] = sharpness is { } s ? Sigma(s) : double.NaN;
        }
    }

    /// <summary>Over the pairs of orientation ranges with at least <see cref="RangeGap"/> bins between them (both ways
    /// round), the least blurry pair's blurrier range; null when no such pair has edges in both.</summary>
    private static double? SharpestPair(ReadOnlySpan<double> sigmas)
    {
        double? best = null;
        for (var i = 0; i < AngleBins; i++)
        {
            if (double.IsNaN(sigmas[i])) continue;
            for (var j = i + RangeBins + RangeGap; j <= i + AngleBins - RangeBins - RangeGap; j++)
            {
                var other = sigmas[j % AngleBins];
                if (double.IsNaN(other)) continue;
                var pair = Math.Max(sigmas[i], other);
                if (best is null || pair < best) best = pair;
            }
        }
        return best;
    }

    private static double Sigma(double sharpness) => 1.0 / (sharpness * Math.Sqrt(2 * Math.PI));

    /// <summary>The percentile of gradient / contrast over the block's edge pixels in <paramref name="binCount"/> angle
    /// bins from <paramref name="firstBin"/> (wrapping round); null with fewer than <paramref name="minEdges"/> of
    /// them.</summary>
    private static double? Sharpness(Grid grid, EdgeHistograms histograms, CellBlock block, int firstBin, int binCount,
        int minEdges, double percentile)
    {
        var (fine, coarse, counts) = histograms;
        Span<int> slots = stackalloc int[block.Span * block.Span * binCount];
        var used = 0;
        var count = 0;
        for (var cy = block.Y; cy < block.Y + block.Span; cy++)
            for (var cx = block.X; cx < block.X + block.Span; cx++)
                for (var b = 0; b < binCount; b++)
                {
                    var slot = (cy * grid.Side + cx) * AngleBins + (firstBin + b) % AngleBins;
                    if (counts[slot] == 0) continue;
                    count += counts[slot];
                    slots[used++] = slot;
                }
        if (count < minEdges) return null;
        var target = (int)Math.Ceiling(count * percentile);
        // The coarse bin that holds the percentile, then the fine bin within it.
        Span<int> merged = stackalloc int[CoarseBins];
        merged.Clear();
        foreach (var slot in slots[..used]) Add(merged, coarse.AsSpan(slot * CoarseBins, CoarseBins));
        var seen = 0;
        var coarseBin = 0;
        while (seen + merged[coarseBin] < target) seen += merged[coarseBin++];
        Span<int> within = stackalloc int[CoarseWidth];
        within.Clear();
        foreach (var slot in slots[..used])
            Add(within, fine.AsSpan(slot * Bins + coarseBin * CoarseWidth, CoarseWidth));
        for (var k = 0; k < CoarseWidth; k++)
        {
            seen += within[k];
            if (seen >= target) return Math.Max(coarseBin * CoarseWidth + k + 0.5, 1) / (Bins - 1);
        }
        return 1;
    }

    private static void Add(Span<int> sum, ReadOnlySpan<int> histogram)
    {
        for (var i = 0; i < sum.Length; i++) sum[i] += histogram[i];
    }

    /// <summary>Side x Side cells over the image (fewer for a small image, so that a cell keeps some edges).</summary>
    private readonly struct Grid(int rows, int cols)
    {
        public int Rows { get; } = rows;
        public int Cols { get; } = cols;
        public int Side { get; } = Math.Clamp(Math.Min(rows, cols) / MinCellSide, 1, GridCells);
        public int Cells => Side * Side;

        public int RowCell(int y) => (int)((long)y * Side / Rows);
        public int ColumnCell(int x) => (int)((long)x * Side / Cols);

        /// <summary>The pixels of span x span cells from cell (cx, cy).</summary>
        public Rect Region(int cx, int cy, int span)
        {
            int x0 = Start(cx, Cols), y0 = Start(cy, Rows), x1 = Start(cx + span, Cols), y1 = Start(cy + span, Rows);
            return new Rect(x0, y0, x1 - x0, y1 - y0);
        }

        /// <summary>The first pixel of cell <paramref name="cell"/> (the inverse of RowCell / ColumnCell).</summary>
        private int Start(int cell, int length) => (int)(((long)cell * length + Side - 1) / Side);
    }
}
