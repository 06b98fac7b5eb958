using System.Text;
using System.Text.Json.Nodes;

namespace ImgEda.Merge.Tests;

/// <summary>Grouping through the pHash variants hash records: mirrored and cropped copies, and what stays apart.
/// </summary>
public class DuplicateFinderTests
{
    private static ManifestLine Line(string path, ulong phash, ulong? mirror = null, ulong[]? crops = null,
        bool lowTexture = false)
    {
        var json = new JsonObject
        {
            ["input"] = "images", ["path"] = path, ["sha256"] = path, ["phash"] = phash.ToString("x16"),
            ["phash_mirror"] = mirror?.ToString("x16"), ["is_low_texture"] = lowTexture,
            ["phash_crops"] = crops is null ? null : new JsonArray([.. crops.Select(c => (JsonNode)c.ToString("x16"))]),
        };
        return ManifestLine.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()))!;
    }

    private static ulong Random64(Random random) => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);

    private static ulong Flip(ulong hash, int bits) => hash ^ ((1UL << bits) - 1);

    [Fact]
    public void A_mirrored_copy_groups_with_its_original_and_is_marked_and_so_is_a_plain_copy_of_it()
    {
        var random = new Random(1);
        ulong a = Random64(random), aMirror = Random64(random);
        var lines = new[]
        {
            Line("a.jpg", a, aMirror, [Random64(random)]),
            Line("a-flipped.jpg", Flip(aMirror, 6), Flip(a, 6)),
            Line("a-flipped-q70.jpg", Flip(aMirror, 3), Flip(a, 3)),
            Line("a-q70.jpg", Flip(a, 5), Random64(random)),
            Line("other.jpg", Random64(random), Random64(random)),
        };
        var report = DuplicateFinder.Find(lines, 8);
        var group = Assert.Single(report.Near);
        Assert.Equal(["images/a.jpg", "images/a-flipped.jpg", "images/a-flipped-q70.jpg", "images/a-q70.jpg"],
            group.Paths);
        Assert.Equal(["images/a-flipped.jpg", "images/a-flipped-q70.jpg"], group.Mirrored);
        // Seen in a.jpg's orientation (a flipped copy by its mirror pHash), the copies are 6, 3 and 5 bits from a.
        Assert.Equal(6, group.MaxDistance);
    }

    [Fact]
    public void A_pair_close_both_plainly_and_mirrored_is_not_called_mirrored()
    {
        // A symmetric photo: its mirror pHash is its pHash, so a copy is close both ways.
        var random = new Random(2);
        var a = Random64(random);
        var report = DuplicateFinder.Find([Line("a.png", a, a), Line("b.png", Flip(a, 2), Flip(a, 2))], 8);
        Assert.Empty(Assert.Single(report.Near).Mirrored);
    }

    [Fact]
    public void A_cropped_copy_groups_through_a_crop_pHash_in_either_order()
    {
        var random = new Random(3);
        var crops = Enumerable.Range(0, 6).Select(_ => Random64(random)).ToArray();
        var original = Line("z-original.png", Random64(random), Random64(random), crops);
        var cropped = Line("a-cropped.png", Flip(crops[4], 7), Random64(random),
            [.. Enumerable.Range(0, 6).Select(_ => Random64(random))]);
        var unrelated = Line("u.png", Flip(crops[4], 20), Random64(random));
        var group = Assert.Single(DuplicateFinder.Find([original, cropped, unrelated], 8).Near);
        Assert.Equal(["images/z-original.png", "images/a-cropped.png"], group.Paths);
        Assert.Empty(group.Mirrored);
        Assert.Empty(DuplicateFinder.Find([original, cropped], 6).Near); // 7 bits: beyond a threshold of 6
    }

    [Fact]
    public void Low_texture_images_and_records_without_variants_follow_the_old_rules()
    {
        var random = new Random(4);
        ulong a = Random64(random), aMirror = Random64(random);
        var lines = new[]
        {
            Line("flat.png", a, aMirror, lowTexture: true),
            Line("flat-flipped.png", aMirror, a, lowTexture: true),
            Line("old-record.png", a), // an older hash's record: pHash only
            Line("old-record-copy.png", Flip(a, 4)),
        };
        var group = Assert.Single(DuplicateFinder.Find(lines, 8).Near);
        Assert.Equal(["images/old-record.png", "images/old-record-copy.png"], group.Paths);
        Assert.Equal(4, group.MaxDistance);
    }
}
