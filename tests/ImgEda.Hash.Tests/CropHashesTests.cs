using ImgEda.Core.Imaging;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ImgEda.Hash.Tests;

/// <summary>The crop windows: where they are, and that a copy of a real photo cropped by 1-5% per side has a pHash
/// close to its original's pHash or to one of its windows' pHashes.</summary>
public class CropHashesTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(640, 480)]
    [InlineData(1, 1)]
    [InlineData(3, 1000)]
    public void Every_window_lies_inside_the_image(int width, int height)
    {
        foreach (var window in CropHashes.Windows)
        {
            var rect = CropHashes.Pixels(window, width, height);
            Assert.True(rect.X >= 0 && rect.Y >= 0 && rect.Right <= width && rect.Bottom <= height && rect.Width >= 1,
                $"{window}: {rect}");
        }
        using var image = new Mat(height, width, MatType.CV_8UC3, Scalar.All(7));
        Assert.Equal(CropHashes.Windows.Length, CropHashes.Compute(HashInput.Gray(image, 64, 64)).Length);
    }

    [Fact]
    public void A_window_hash_is_the_pHash_of_that_window_of_the_full_image_give_or_take_a_few_bits()
    {
        var distances = new List<int>();
        foreach (var file in RepoPaths.SampleFiles)
        {
            using var image = Cv2.ImRead(file, ImreadModes.Color);
            if (image.Empty()) continue;
            if (PerceptualHash.ComputeWithWeakBits(image).WeakBits >= PerceptualHash.LowTextureWeakBits) continue;
            var hashes = CropHashes.Compute(HashInput.Gray(image, 64, 64));
            for (var i = 0; i < hashes.Length; i++)
            {
                using var window = image.SubMat(CropHashes.Pixels(CropHashes.Windows[i], image.Cols, image.Rows));
                distances.Add(HashInput.Distance(hashes[i], PerceptualHash.Compute(window)));
            }
        }
        output.WriteLine($"distances: {string.Join(" ", distances.Order())}");
        Assert.True(distances.Count >= 60, $"{distances.Count} windows compared");
        Assert.True(distances.Count(d => d <= 4) >= 0.9 * distances.Count, string.Join(" ", distances.Order()));
    }

    /// <summary>Per side crops (left, right, top, bottom) that cover the range: all sides, one side, two adjacent
    /// sides at 5%, and seeded random ones between 1% and 5%.</summary>
    private static IReadOnlyList<PhotoCopies.CropShares> Crops(int seed, int random)
    {
        var rng = new Random(seed);
        var crops = new List<PhotoCopies.CropShares>
        {
            new(0.05, 0.05, 0.05, 0.05), new(0.05, 0, 0, 0), new(0, 0.05, 0, 0), new(0, 0, 0.05, 0),
            new(0, 0, 0, 0.05), new(0.05, 0, 0.05, 0), new(0, 0.05, 0, 0.05), new(0.01, 0.01, 0.01, 0.01),
            new(0.03, 0.03, 0.03, 0.03),
        };
        for (var i = 0; i < random; i++) crops.Add(new(Share(), Share(), Share(), Share()));
        return crops;
        double Share() => 0.01 + 0.04 * rng.NextDouble();
    }

    [Fact]
    public void A_photo_cropped_by_up_to_5_percent_per_side_stays_within_8_bits_of_one_of_its_windows()
    {
        var hasher = new ImageHasher(new ImageLoader());
        var crops = Crops(seed: 7, random: 3);
        int total = 0, byWindows = 0, byPhashAlone = 0;
        foreach (var file in RepoPaths.PhotoFiles)
        {
            // The photo at most 1024 pixels long (a copy the test builds), so that 12 crops of 158 photos stay quick.
            using var decoded = Cv2.ImRead(file, ImreadModes.Color);
            if (decoded.Empty()) continue;
            using var photo = PhotoCopies.AtMost(decoded, 1024);
            var original = hasher.Hash(new("images", "o.png", "o.png"), ImageEncoder.Png(photo), "");
            if (original.IsLowTexture) continue;
            var phash = Convert.ToUInt64(original.Phash, 16);
            var windows = original.PhashCrops!.Select(h => Convert.ToUInt64(h, 16)).Append(phash).ToArray();
            foreach (var (crop, i) in crops.Select((c, i) => (c, i)))
            {
                using var cropped = PhotoCopies.Cropped(photo, crop);
                var bytes = i % 2 == 0 ? ImageEncoder.Jpeg(cropped, 85) : ImageEncoder.Png(cropped);
                var copy = Convert.ToUInt64(hasher.Hash(new("images", "c", "c"), bytes, "").Phash, 16);
                total++;
                if (windows.Min(w => HashInput.Distance(copy, w)) <= 8) byWindows++;
                if (HashInput.Distance(copy, phash) <= 8) byPhashAlone++;
            }
        }
        output.WriteLine($"{total} cropped copies: {byWindows} within 8 bits of a window or the pHash, " +
            $"{byPhashAlone} of the pHash alone");
        Assert.True(byWindows >= 0.97 * total, $"{byWindows} of {total} within 8 bits (pHash alone: {byPhashAlone})");
    }
}
