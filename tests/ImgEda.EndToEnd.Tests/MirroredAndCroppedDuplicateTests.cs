using System.Text.Json.Nodes;
using ImgEda.Core.Imaging;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ImgEda.EndToEnd.Tests;

/// <summary>hash then merge on copies of the fetched photos: mirrored copies (cv2.flip) and copies cropped by 1-5% per
/// side group with their photo, the mirrored ones marked; among the distinct photos, mirrors and crops add no more
/// than the three pairs measured (each one picture in two versions).</summary>
public class MirroredAndCroppedDuplicateTests(ITestOutputHelper output)
{
    /// <summary>Per side crop (left, right, top, bottom) of copy number i: all sides 5%, one side 5%, two adjacent
    /// sides 5%, 1% all round, and seeded random shares of 1-5% on each side.</summary>
    private static (double L, double R, double T, double B) CropOf(int i, Random random)
    {
        double Share() => 0.01 + 0.04 * random.NextDouble();
        var side = i / 5 % 4;
        return (i % 5) switch
        {
            0 => (0.05, 0.05, 0.05, 0.05),
            1 => (side == 0 ? 0.05 : 0, side == 1 ? 0.05 : 0, side == 2 ? 0.05 : 0, side == 3 ? 0.05 : 0),
            2 => side % 2 == 0 ? (0.05, 0, 0.05, 0) : (0, 0.05, 0, 0.05),
            3 => (0.01, 0.01, 0.01, 0.01),
            _ => (Share(), Share(), Share(), Share()),
        };
    }

    private static List<JsonObject> NearGroups(string duplicatesJson) =>
        JsonNode.Parse(File.ReadAllText(duplicatesJson))!["near"]!.AsArray().Select(g => g!.AsObject()).ToList();

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(p => (string)p!);

    private static TempDir HashAndMerge(string imagesDir, out string duplicates)
    {
        var tmp = new TempDir();
        Directory.CreateDirectory(tmp["pfs"]);
        Directory.CreateSymbolicLink(tmp["pfs/images"], imagesDir);
        var hash = Processes.Run(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"]]);
        Assert.True(hash.ExitCode == 0, hash.Stderr);
        Directory.CreateDirectory(tmp["merge-in"]);
        Directory.Move(tmp["pfs/out"], tmp["merge-in/hash"]);
        var merge = Processes.Run(RepoPaths.Step("merge"), ["--pfs", tmp["merge-in"]]);
        Assert.True(merge.ExitCode == 0, merge.Stderr);
        duplicates = tmp["merge-in/out/duplicates.json"];
        return tmp;
    }

    [Fact]
    public void Mirrored_and_cropped_copies_of_the_photos_group_with_them_and_mirrored_ones_are_marked()
    {
        using var images = new TempDir();
        var random = new Random(14);
        var photos = new List<string>();
        var sources = new Dictionary<string, string>();
        foreach (var (file, i) in RepoPaths.PhotoFiles.Select((f, i) => (f, i)))
        {
            using var decoded = Cv2.ImRead(file, ImreadModes.Color);
            if (decoded.Empty()) continue;
            // At most 1024 pixels long, so that 3 x 158 images hash quickly; the copies are made from this photo.
            var scale = Math.Min(1, 1024.0 / Math.Max(decoded.Cols, decoded.Rows));
            using var photo = decoded.Resize(new Size(Math.Max(1, (int)(decoded.Cols * scale)),
                Math.Max(1, (int)(decoded.Rows * scale))), interpolation: InterpolationFlags.Area);
            var name = $"p{i:D3}";
            photos.Add(name);
            sources[name] = System.IO.Path.GetFileName(file);
            File.WriteAllBytes(images[$"{name}.png"], ImageEncoder.Png(photo));
            using var mirrored = photo.Flip(FlipMode.Y);
            File.WriteAllBytes(images[$"{name}.mirror.{(i % 2 == 0 ? "jpg" : "png")}"],
                i % 2 == 0 ? ImageEncoder.Jpeg(mirrored, 85) : ImageEncoder.Png(mirrored));
            var (l, r, t, b) = CropOf(i, random);
            int left = (int)Math.Round(l * photo.Cols), right = (int)Math.Round(r * photo.Cols);
            int top = (int)Math.Round(t * photo.Rows), bottom = (int)Math.Round(b * photo.Rows);
            using var cropped = photo.SubMat(new Rect(left, top, photo.Cols - left - right, photo.Rows - top - bottom));
            File.WriteAllBytes(images[$"{name}.crop.{(i % 2 == 1 ? "jpg" : "png")}"],
                i % 2 == 1 ? ImageEncoder.Jpeg(cropped, 85) : ImageEncoder.Png(cropped));
        }

        using var run = HashAndMerge(images.Path, out var duplicates);
        var groups = NearGroups(duplicates);
        int checkedPhotos = 0, lowTextureCopies = 0;
        var missed = new List<string>();
        foreach (var name in photos)
        {
            var record = JsonNode.Parse(File.ReadAllText(run[$"merge-in/hash/images/{name}.png.json"]))!;
            if ((bool)record["is_low_texture"]!) continue; // grouped only through byte-identical copies, by design
            checkedPhotos++;
            // A copy can cross the low-texture line (31 weak bits in the photo, 32 in its copy): not grouped, by
            // design.
            if (LowTexture(run, name, "mirror") || LowTexture(run, name, "crop"))
            {
                lowTextureCopies++;
                continue;
            }
            var group = groups.SingleOrDefault(g => Strings(g["paths"]).Contains($"images/{name}.png"));
            var paths = group is null ? [] : Strings(group["paths"]).ToHashSet();
            var marked = group is null ? [] : Strings(group["mirrored"]).ToHashSet();
            var mirror = paths.SingleOrDefault(p => p.StartsWith($"images/{name}.mirror.", StringComparison.Ordinal));
            if (mirror is null) missed.Add($"{name}: mirrored copy not grouped ({Why(run, name, "mirror", sources)})");
            else if (marked.Contains(mirror) == marked.Contains($"images/{name}.png"))
                missed.Add($"{name}: mirrored copy grouped but not marked");
            if (!paths.Any(p => p.StartsWith($"images/{name}.crop.", StringComparison.Ordinal)))
                missed.Add($"{name}: cropped copy not grouped ({Why(run, name, "crop", sources)})");
        }
        output.WriteLine($"{checkedPhotos} photos (not low-texture), {lowTextureCopies} with a low-texture copy: " +
            $"{missed.Count} misses\n{string.Join("\n", missed)}");
        Assert.InRange(checkedPhotos, photos.Count * 9 / 10, photos.Count);
        Assert.InRange(lowTextureCopies, 0, checkedPhotos / 30);
        Assert.True(missed.Count(m => m.Contains("mirror")) == 0, string.Join("\n", missed));
        Assert.True(missed.Count <= checkedPhotos / 50, $"{missed.Count} misses:\n{string.Join("\n", missed)}");
    }

    private static bool LowTexture(TempDir run, string name, string copy) =>
        (bool)JsonNode.Parse(File.ReadAllText(Directory.GetFiles(run["merge-in/hash/images"], $"{name}.{copy}.*.json")
            .Single()))!["is_low_texture"]!;

    /// <summary>What a reader of a miss needs: the photo, the copy's distance to the original's pHash variants, and
    /// whether the copy's pHash is low-texture.</summary>
    private static string Why(TempDir run, string name, string copy, Dictionary<string, string> sources)
    {
        var dir = run["merge-in/hash/images"];
        var original = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(dir, $"{name}.png.json")))!;
        var copyFile = Directory.GetFiles(dir, $"{name}.{copy}.*.json").Single();
        var record = JsonNode.Parse(File.ReadAllText(copyFile))!;
        var phash = Convert.ToUInt64((string)record["phash"]!, 16);
        var variants = Strings(original["phash_crops"]).Append((string)original["phash"]!)
            .Append((string)original["phash_mirror"]!).Select(h => Convert.ToUInt64(h, 16));
        var distance = variants.Min(v => System.Numerics.BitOperations.PopCount(v ^ phash));
        return $"{sources[name]}, {distance} bits from the nearest variant, weak bits {record["phash_weak_bits"]} " +
            $"(original {original["phash_weak_bits"]})";
    }

    private static HashSet<(string, string)> Pairs(string duplicatesJson) =>
        NearGroups(duplicatesJson).SelectMany(g =>
        {
            var paths = Strings(g["paths"]).Order(StringComparer.Ordinal).ToList();
            return paths.SelectMany((a, i) => paths.Skip(i + 1).Select(b => (a, b)));
        }).ToHashSet();

    [Fact]
    public void Among_the_distinct_photos_mirrors_and_crops_keep_every_pair_and_add_at_most_the_three_measured()
    {
        using var run = HashAndMerge(RepoPaths.Photos, out var duplicates);
        var now = Pairs(duplicates);
        // Today's rule, on the same records: pHash alone (a record without phash_mirror and phash_crops).
        var hashOnly = run["pfs-phash-only/hash"];
        foreach (var file in Directory.GetFiles(run["merge-in/hash/images"], "*.json"))
        {
            var record = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            record.Remove("phash_mirror");
            record.Remove("phash_crops");
            Directory.CreateDirectory(Path.Combine(hashOnly, "images"));
            File.WriteAllText(Path.Combine(hashOnly, "images", Path.GetFileName(file)), record.ToJsonString());
        }
        var merge = Processes.Run(RepoPaths.Step("merge"), ["--pfs", run["pfs-phash-only"]]);
        Assert.True(merge.ExitCode == 0, merge.Stderr);
        var before = Pairs(run["pfs-phash-only/out/duplicates.json"]);

        var added = now.Except(before).ToList();
        output.WriteLine($"pairs among the {RepoPaths.PhotoFiles.Count} photos: {before.Count} by pHash alone (57 " +
            $"measured with the code before mirrors and crops), {now.Count} now; added: {string.Join(", ", added)}");
        Assert.Empty(before.Except(now));
        // Measured: 57 -> 60. The three added pairs are one picture each, which pHash alone missed: the Canopee
        // wallpaper (16:9) and its 16:10 preview (a crop of about 5% per side), and the joy and futureprototype
        // themes' GRUB backgrounds at 16:9 and 4:3 (the emerald and spacefun themes' pairs are grouped by pHash
        // alone). No mirrored pair.
        Assert.True(added.Count <= 3, $"{added.Count} pairs added: {string.Join(", ", added)}");
        Assert.DoesNotContain(NearGroups(duplicates), g => Strings(g["mirrored"]).Any());
    }
}
