using System.Globalization;
using System.Text.Json.Nodes;
using ImgEda.Core.Records;

namespace ImgEda.Testing;

/// <summary>analyze and hash records of a made-up photo collection, laid out as the steps lay them out
/// (&lt;root&gt;/analyze/images/&lt;path&gt;.json and &lt;root&gt;/hash/images/&lt;path&gt;.json), for merge and plot
/// at sizes no real corpus here has: common camera and video sizes (portrait too), file sizes over three decades,
/// dark, overexposed and blurry images, EXIF on most (14 cameras, focal lengths, ISO stops), a few corrupt files,
/// exact copies and near-duplicate groups. The same seed gives the same records.</summary>
public static class SyntheticRecords
{
    private static readonly (int W, int H)[] Sizes =
    [
        (4032, 3024), (3024, 4032), (1920, 1080), (1280, 720), (640, 480), (6000, 4000), (512, 512), (3840, 2160),
        (800, 600),
    ];

    private static readonly (string Make, string Model)[] Cameras =
    [
        ("Apple", "iPhone 13"), ("Apple", "iPhone 15 Pro"), ("samsung", "SM-G991B"), ("Canon", "Canon EOS 5D Mark IV"),
        ("Canon", "Canon EOS 70D"), ("NIKON CORPORATION", "NIKON D750"), ("SONY", "ILCE-7M3"), ("FUJIFILM", "X-T30"),
        ("Google", "Pixel 7"), ("OLYMPUS IMAGING CORP.", "E-M10MarkII"), ("Panasonic", "DMC-GH4"),
        ("Xiaomi", "Redmi Note 9"),
        ("GoPro", "HERO9 Black"), ("DJI", "FC3582"),
    ];

    private static readonly double[] FocalLengths = [4.25, 5.7, 6.86, 24, 35, 50, 85, 200];
    private static readonly int[] IsoStops = [50, 100, 200, 400, 800, 1600, 3200, 6400];

    public static void Write(string root, int count, int seed = 7)
    {
        var random = new Random(seed);
        foreach (var step in new[] { "analyze", "hash" })
            Directory.CreateDirectory(Path.Combine(root, step, "images", "d"));
        var hashes = new List<ulong>();
        for (var i = 0; i < count; i++)
        {
            var path = $"d/img{i:D6}.{(i % 20 == 0 ? "png" : "jpg")}";
            var (analyze, hash) = Image(random, path, i, hashes);
            File.WriteAllText(Path.Combine(root, "analyze", "images", path + ".json"), analyze.ToJsonString());
            File.WriteAllText(Path.Combine(root, "hash", "images", path + ".json"), hash.ToJsonString());
        }
    }

    private static (JsonObject Analyze, JsonObject Hash) Image(Random random, string path, int i, List<ulong> hashes)
    {
        var sha = $"{(random.Next(100) == 0 && i > 0 ? i - 1 : i):x64}"; // 1% exact copies of the image before
        // 3% near duplicates: an earlier image's pHash with two bits flipped.
        var phash = hashes.Count > 0 && random.Next(100) < 3
            ? hashes[random.Next(hashes.Count)] ^ (1UL << random.Next(64)) ^ (1UL << random.Next(64))
            : (ulong)random.NextInt64();
        hashes.Add(phash);
        var hash = new JsonObject
        {
            ["path"] = path, ["input"] = "images", ["sha256"] = sha, ["phash"] = phash.ToString("x16"),
        };
        if (random.Next(200) == 0)
        {
            var corrupt = new JsonObject
            {
                ["path"] = path, ["input"] = "images", ["sha256"] = sha, ["format"] = "jpeg",
                ["file_size_bytes"] = random.Next(100, 5000), ["width"] = null, ["height"] = null,
                ["pixel_stats"] = null, ["is_corrupt"] = true, ["is_truncated"] = true,
                ["error"] = "cannot decode: premature end of JPEG data",
            };
            hash["phash"] = null;
            return (corrupt, hash);
        }
        var (w, h) = random.Next(10) == 0
            ? (random.Next(200, 5000), random.Next(200, 5000))
            : Sizes[random.Next(Sizes.Length)];
        var brightness = Math.Clamp(115 + 45 * Normal(random), 2, 253);
        var blur = Math.Exp(Math.Log(0.9) + 0.35 * Normal(random));
        var bytes = (long)(w * (double)h * 0.35 * Math.Exp(0.6 * Normal(random)));
        var (mode, channels) = random.Next(20) switch { 0 => ("L", 1), 1 or 2 => ("RGBA", 4), _ => ("RGB", 3) };
        var analyze = new JsonObject
        {
            ["path"] = path, ["input"] = "images", ["sha256"] = sha, ["file_size_bytes"] = bytes,
            ["format"] = path.EndsWith(".png", StringComparison.Ordinal) ? "png"
                : random.Next(30) == 0 ? "webp" : "jpeg",
            ["width"] = w, ["height"] = h, ["channels"] = channels, ["color_mode"] = mode, ["bit_depth"] = 8,
            ["aspect_ratio"] = Math.Round((double)w / h, 4), ["megapixels"] = Math.Round(w * (double)h / 1e6, 2),
            ["pixel_stats"] = new JsonObject { ["mean_brightness"] = Math.Round(brightness, 2) },
            ["blur_score"] = Math.Round(blur, 3), ["is_corrupt"] = false, ["is_truncated"] = false,
            ["is_unsupported"] = false,
            ["is_dark"] = brightness < AnalyzeThresholds.DarkBelow,
            ["is_overexposed"] = brightness > AnalyzeThresholds.OverexposedAbove,
            ["is_blurry"] = blur > AnalyzeThresholds.BlurAbove,
            ["has_border_artifact"] = random.Next(50) == 0, ["extension_mismatch"] = random.Next(100) == 0,
            ["error"] = null,
            ["exif"] = random.Next(10) < 6 ? Exif(random) : null,
            ["motion_blur"] = Motion(blur),
        };
        return (analyze, hash);
    }

    /// <summary>Motion found in about half the blurry images, derived from the blur so that the random sequence (and
    /// with it every other made-up fact) is the same as without it.</summary>
    private static JsonObject? Motion(double blur)
    {
        var thousandths = (int)Math.Round(blur * 1000);
        if (blur <= AnalyzeThresholds.BlurAbove || thousandths % 2 == 1) return null;
        return new JsonObject { ["length_px"] = (int)Math.Round(blur * 6), ["degrees"] = thousandths % 180 };
    }

    private static JsonObject Exif(Random random)
    {
        // A few cameras take most pictures, as in a real collection.
        var (make, model) =
            Cameras[Math.Min(Cameras.Length - 1, (int)(Cameras.Length * Math.Pow(random.NextDouble(), 2.2)))];
        return new JsonObject
        {
            ["camera_make"] = make, ["camera_model"] = model,
            ["focal_length_mm"] = FocalLengths[random.Next(FocalLengths.Length)],
            ["iso"] = IsoStops[random.Next(IsoStops.Length)],
            ["datetime_original"] = new DateTime(2024, 1, 1).AddMinutes(random.Next(500_000))
                .ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture),
        };
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
