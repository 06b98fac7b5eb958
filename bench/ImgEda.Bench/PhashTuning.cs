using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using ImgEda.Hash;
using ImgEda.Merge;
using ImgEda.Testing;
using OpenCvSharp;

/// <summary>Chooses hash's low-texture rule (weak margin, weak-bit count) and merge's near-duplicate threshold on the
/// tuning half of the fetched photos (RepoPaths.TuningPhotoFiles), by rules fixed before looking: the tests judge the
/// chosen values on the other half. Prints markdown tables and the values the rules pick.
/// <list type="bullet">
/// <item>Low texture: the pHash of a half-size copy or a JPEG q70 copy of a photo that is not low-texture must stay
/// within 6 bits (below the threshold, with room for a second edit); among the (margin, count) pairs that achieve it,
/// the one calling the fewest photos low-texture (ties: the code's values when among them, as a change needs evidence;
/// else the larger margin, then the larger count).</item>
/// <item>Threshold: among the thresholds that group every mirrored copy and at least 99% of the cropped ones with their
/// photo (each copy once with one edit, JPEG q85, and once with two more, half size and JPEG q70, as copies found in
/// datasets have often been through several), those making the fewest pairs among the distinct photos; of that
/// plateau, the middle (the upper one of two): a threshold at the plateau's low end would lose copies edited a little
/// more than these, one at its high end would be the first to add pairs among other photos.</item>
/// </list></summary>
public static class PhashTuning
{
    private static readonly double[] Margins = [4, 6, 8, 10, 12];
    private static readonly int[] WeakBitCounts = [24, 28, 32, 36, 40];
    private static readonly int[] Thresholds = [4, 5, 6, 7, 8, 9, 10, 11, 12];
    private const int CopyTolerance = 6;

    private static readonly ImageLoader Loader = new();
    private static readonly ImageHasher Hasher = new(Loader);

    /// <summary>A photo's pHash coefficients as hash computes them, its pHash, and the largest distance to the pHash
    /// of its half-size and q70 copies.</summary>
    private sealed record Photo(string Name, double[] Block, ulong Phash, int CopyDistance);

    public static int Run()
    {
        var files = RepoPaths.TuningPhotoFiles;
        var photos = files.Select(Measure).OfType<Photo>().ToList();
        Console.WriteLine($"{photos.Count} photos of the tuning half ({files.Count} files) hashed");

        var (margin, count) = ChooseLowTexture(photos);
        Console.WriteLine($"chosen: weak margin {margin}, low texture at >= {count} weak bits " +
                          $"(hash uses {PerceptualHash.WeakMargin} and {PerceptualHash.LowTextureWeakBits})");
        var threshold = ChooseThreshold(files, margin, count);
        Console.WriteLine($"chosen: threshold {threshold} (merge's default {DuplicateFinder.DefaultThreshold})");
        var same = margin == PerceptualHash.WeakMargin && count == PerceptualHash.LowTextureWeakBits
                   && threshold == DuplicateFinder.DefaultThreshold;
        return same ? 0 : 2;
    }

    private static Photo? Measure(string file)
    {
        var bytes = File.ReadAllBytes(file);
        if (Block(bytes) is not { } block) return null;
        using var loaded = Loader.LoadAsViewed(bytes);
        var image = loaded.Image!;
        using var half = image.Resize(new Size(Math.Max(1, image.Cols / 2), Math.Max(1, image.Rows / 2)),
            interpolation: InterpolationFlags.Area);
        var phash = PerceptualHash.FromCoefficients(block);
        var halfDistance = HashInput.Distance(phash, PerceptualHash.FromCoefficients(Block(ImageEncoder.Png(half))!));
        var q70 = Block(ImageEncoder.Jpeg(image, 70))!;
        var q70Distance = HashInput.Distance(phash, PerceptualHash.FromCoefficients(q70));
        return new Photo(Path.GetFileName(file), block, phash, Math.Max(halfDistance, q70Distance));
    }

    /// <summary>The pHash coefficients of the image as hash decodes it (reduced, composited over grey).</summary>
    private static double[]? Block(byte[] bytes)
    {
        using var loaded = Loader.LoadAsViewed(bytes,
            header => ImageLoader.ReduceFactorFor(header, ImageHasher.DecodeMinLongSide));
        return loaded.Image is { } image ? PerceptualHash.LowFrequencies(HashInput.Gray(image, 64, 64)) : null;
    }

    private static int WeakBits(double[] block, double margin)
    {
        var sorted = block.Order().ToArray();
        var median = (sorted[31] + sorted[32]) / 2;
        return block.Count(c => Math.Abs(c - median) < margin);
    }

    private static (double Margin, int Count) ChooseLowTexture(List<Photo> photos)
    {
        Console.WriteLine("| weak margin | low texture at | photos called low-texture | others with a copy more than "
                          + $"{CopyTolerance} bits away |");
        Console.WriteLine("|---|---|---|---|");
        var candidates = new List<(double Margin, int Count, int LowTexture)>();
        foreach (var margin in Margins)
            foreach (var count in WeakBitCounts)
            {
                var lowTexture = photos.Where(p => WeakBits(p.Block, margin) >= count).ToList();
                var unstable = photos.Except(lowTexture).Count(p => p.CopyDistance > CopyTolerance);
                Console.WriteLine($"| {margin} | {count} | {lowTexture.Count} | {unstable} |");
                if (unstable == 0) candidates.Add((margin, count, lowTexture.Count));
            }
        var fewest = candidates.Min(c => c.LowTexture);
        bool IsTheCodes((double Margin, int Count, int) c) =>
            c.Margin == PerceptualHash.WeakMargin && c.Count == PerceptualHash.LowTextureWeakBits;
        var best = candidates.Where(c => c.LowTexture == fewest)
            .OrderByDescending(IsTheCodes)
            .ThenByDescending(c => c.Margin).ThenByDescending(c => c.Count)
            .First();
        return (best.Margin, best.Count);
    }

    /// <summary>Each photo (at most 1024 px long, PNG), a mirrored copy and five cropped copies (5% all round, 5% on
    /// one side, 5% on two adjacent sides, 1% all round, seeded 1-5% per side), JPEG q85, hashed by hash; then merge's
    /// linking (DuplicateFinder.LinkNear) at each threshold.</summary>
    private static int ChooseThreshold(IReadOnlyList<string> files, double margin, int count)
    {
        var random = new Random(17);
        var originals = new List<PhashVariants?>();
        var copies = new List<(int Original, bool Mirrored, PhashVariants? Hashes)>();
        foreach (var file in files)
        {
            using var decoded = Cv2.ImRead(file, ImreadModes.Color);
            if (decoded.Empty()) continue;
            using var photo = PhotoCopies.AtMost(decoded, 1024);
            var original = originals.Count;
            originals.Add(Variants(ImageEncoder.Png(photo), margin, count));
            using var mirrored = photo.Flip(FlipMode.Y);
            AddCopies(original, true, mirrored);
            for (var kind = 0; kind < PhotoCopies.CropKinds; kind++)
            {
                using var cropped = PhotoCopies.Cropped(photo, PhotoCopies.Crop(kind, original, random));
                AddCopies(original, false, cropped);
            }
        }

        void AddCopies(int original, bool mirrored, Mat copy)
        {
            copies.Add((original, mirrored, Variants(ImageEncoder.Jpeg(copy, 85), margin, count)));
            using var half = copy.Resize(new Size(Math.Max(1, copy.Cols / 2), Math.Max(1, copy.Rows / 2)),
                interpolation: InterpolationFlags.Area);
            copies.Add((original, mirrored, Variants(ImageEncoder.Jpeg(half, 70), margin, count)));
        }

        Console.WriteLine("| threshold | mirrored copies grouped | cropped copies grouped | pairs among the distinct " +
                          "photos |");
        Console.WriteLine("|---|---|---|---|");
        var full = new List<(int Threshold, int Pairs)>();
        foreach (var threshold in Thresholds)
        {
            var all = originals.Concat(copies.Select(c => c.Hashes)).ToList();
            var sets = new UnionFind(all.Count);
            DuplicateFinder.LinkNear(all, threshold, sets);
            // Only copies of a photo that is not low-texture, whose copy is not either, can be grouped (by design).
            var judged = copies.Where(c => originals[c.Original] is not null && c.Hashes is not null).ToList();
            var grouped = judged.Where(c =>
                sets.Find(c.Original) == sets.Find(originals.Count + copies.IndexOf(c))).ToList();
            int mirrors = judged.Count(c => c.Mirrored), mirrorsGrouped = grouped.Count(c => c.Mirrored);
            int crops = judged.Count - mirrors, cropsGrouped = grouped.Count - mirrorsGrouped;
            var pairs = DistinctPairs(originals, threshold);
            Console.WriteLine($"| {threshold} | {mirrorsGrouped}/{mirrors} | {cropsGrouped}/{crops} | {pairs} |");
            if (mirrorsGrouped == mirrors && cropsGrouped >= 0.99 * crops) full.Add((threshold, pairs));
        }
        if (full.Count == 0) return Thresholds[^1];
        var plateau = full.Where(f => f.Pairs == full.Min(g => g.Pairs)).ToList();
        return plateau[plateau.Count / 2].Threshold;
    }

    private static int DistinctPairs(List<PhashVariants?> originals, int threshold)
    {
        var sets = new UnionFind(originals.Count);
        DuplicateFinder.LinkNear(originals, threshold, sets);
        return Enumerable.Range(0, originals.Count).GroupBy(sets.Find).Sum(g => g.Count() * (g.Count() - 1) / 2);
    }

    /// <summary>The hashes merge links by, from hash's record; null when low-texture under the given rule.</summary>
    private static PhashVariants? Variants(byte[] bytes, double margin, int count)
    {
        var record = Hasher.Hash(new Datum("images", "x", "x"), bytes, "");
        if (Block(bytes) is not { } block || WeakBits(block, margin) >= count) return null;
        return new PhashVariants(PhashVariants.Parse(record.Phash)!.Value, PhashVariants.Parse(record.PhashMirror),
            [.. record.PhashCrops!.Select(h => PhashVariants.Parse(h)!.Value)]);
    }
}
