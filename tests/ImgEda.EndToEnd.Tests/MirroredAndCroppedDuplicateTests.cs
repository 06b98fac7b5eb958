using System.Text.Json.Nodes;
using ImgEda.Core.Imaging;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ImgEda.EndToEnd.Tests;

/// <summary>hash then merge on copies of the half of the fetched photos that the thresholds were not chosen on
/// (bench/tune-phash-results.md): mirrored copies (cv2.flip) and copies cropped by 1-5% per side group with their
/// photo, the mirrored ones marked; among the distinct photos, mirrors and crops add no pair.</summary>
public class MirroredAndCroppedDuplicateTests(ITestOutputHelper output)
{
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

    /// <summary>merge over the photos' records and one kind of copy's records only, so that a copy is grouped with its
    /// photo by its own hashes, not through another copy of the same photo.</summary>
    private static List<JsonObject> NearGroupsWith(TempDir run, string copy)
    {
        var records = run[$"merge-{copy}/hash/images"];
        Directory.CreateDirectory(records);
        foreach (var file in Directory.GetFiles(run["merge-in/hash/images"], "*.json"))
        {
            var name = System.IO.Path.GetFileName(file);
            if (name.EndsWith(".png.json", StringComparison.Ordinal) && name.Count(c => c == '.') == 2
                || name.Contains($".{copy}.", StringComparison.Ordinal))
                File.Copy(file, System.IO.Path.Combine(records, name));
        }
        var merge = Processes.Run(RepoPaths.Step("merge"), ["--pfs", run[$"merge-{copy}"]]);
        Assert.True(merge.ExitCode == 0, merge.Stderr);
        return NearGroups(run[$"merge-{copy}/out/duplicates.json"]);
    }

    [Fact]
    public void Mirrored_and_cropped_copies_of_the_photos_group_with_them_and_mirrored_ones_are_marked()
    {
        using var images = new TempDir();
        var random = new Random(14);
        var photos = new List<string>();
        var sources = new Dictionary<string, string>();
        // The half of the photos that merge's threshold and hash's low-texture rule were not chosen on.
        foreach (var (file, i) in RepoPaths.TestPhotoFiles.Select((f, i) => (f, i)))
        {
            using var decoded = Cv2.ImRead(file, ImreadModes.Color);
            if (decoded.Empty()) continue;
            using var photo = PhotoCopies.AtMost(decoded, 1024);
            var name = $"p{i:D3}";
            photos.Add(name);
            sources[name] = System.IO.Path.GetFileName(file);
            File.WriteAllBytes(images[$"{name}.png"], ImageEncoder.Png(photo));
            using var mirrored = photo.Flip(FlipMode.Y);
            File.WriteAllBytes(images[$"{name}.mirror.{(i % 2 == 0 ? "jpg" : "png")}"],
                i % 2 == 0 ? ImageEncoder.Jpeg(mirrored, 85) : ImageEncoder.Png(mirrored));
            for (var kind = 0; kind < PhotoCopies.CropKinds; kind++)
            {
                using var cropped = PhotoCopies.Cropped(photo, PhotoCopies.Crop(kind, i, random));
                var jpeg = (i + kind) % 2 == 1;
                File.WriteAllBytes(images[$"{name}.crop{kind}.{(jpeg ? "jpg" : "png")}"],
                    jpeg ? ImageEncoder.Jpeg(cropped, 85) : ImageEncoder.Png(cropped));
            }
        }

        using var run = HashAndMerge(images.Path, out _);
        var copies = Enumerable.Range(0, PhotoCopies.CropKinds).Select(k => $"crop{k}").Prepend("mirror").ToList();
        var groupsWith = copies.ToDictionary(c => c, c => NearGroupsWith(run, c));
        int checkedPhotos = 0, lowTextureCopies = 0, crops = 0;
        var missed = new List<string>();
        foreach (var name in photos)
        {
            var record = JsonNode.Parse(File.ReadAllText(run[$"merge-in/hash/images/{name}.png.json"]))!;
            if ((bool)record["is_low_texture"]!) continue; // grouped only through byte-identical copies, by design
            checkedPhotos++;
            foreach (var copy in copies)
            {
                var group = groupsWith[copy].SingleOrDefault(g => Strings(g["paths"]).Contains($"images/{name}.png"));
                var paths = group is null ? [] : Strings(group["paths"]).ToHashSet();
                var marked = group is null ? [] : Strings(group["mirrored"]).ToHashSet();
                // A copy can cross the low-texture line (31 weak bits in the photo, 32 in its copy): not grouped, by
                // design.
                if (LowTexture(run, name, copy))
                {
                    lowTextureCopies++;
                    continue;
                }
                if (copy != "mirror") crops++;
                var path = paths.SingleOrDefault(p => p.StartsWith($"images/{name}.{copy}.", StringComparison.Ordinal));
                if (path is null) missed.Add($"{name}: {copy} copy not grouped ({Why(run, name, copy, sources)})");
                else if (copy == "mirror" && marked.Contains(path) == marked.Contains($"images/{name}.png"))
                    missed.Add($"{name}: mirrored copy grouped but not marked");
            }
        }
        output.WriteLine($"{checkedPhotos} photos (not low-texture), {crops} cropped copies, {lowTextureCopies} " +
            $"low-texture copies: {missed.Count} misses\n{string.Join("\n", missed)}");
        Assert.InRange(checkedPhotos, photos.Count * 9 / 10, photos.Count);
        Assert.InRange(lowTextureCopies, 0, checkedPhotos * (PhotoCopies.CropKinds + 1) / 30);
        Assert.True(missed.Count(m => m.Contains("mirror")) == 0, string.Join("\n", missed));
        Assert.True(missed.Count <= crops / 50, $"{missed.Count} misses:\n{string.Join("\n", missed)}");
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
    public void Among_the_distinct_photos_mirrors_and_crops_keep_every_pair_and_add_none()
    {
        // The half of the photos that merge's threshold and hash's low-texture rule were not chosen on.
        using var photos = new TempDir();
        foreach (var file in RepoPaths.TestPhotoFiles)
            File.Copy(file, photos[System.IO.Path.GetFileName(file)]);
        using var run = HashAndMerge(photos.Path, out var duplicates);
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
        output.WriteLine($"pairs among the {RepoPaths.TestPhotoFiles.Count} photos: {before.Count} by pHash alone, " +
            $"{now.Count} now; added: {string.Join(", ", added)}");
        Assert.Empty(before.Except(now));
        // Measured on this half: 8 -> 8. On all 158 photos 57 -> 60, the three added pairs one picture each, which
        // pHash alone missed (a wallpaper and its 16:10 preview, two GRUB backgrounds at 16:9 and 4:3); none has both
        // pictures in this half. A pair added here is a new false pair or a new such find: either way, look at it.
        Assert.True(added.Count == 0, $"{added.Count} pairs added: {string.Join(", ", added)}");
        Assert.DoesNotContain(NearGroups(duplicates), g => Strings(g["mirrored"]).Any());
    }
}
