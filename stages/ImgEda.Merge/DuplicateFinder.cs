using System.Numerics;
using System.Text.Json.Serialization;

namespace ImgEda.Merge;

/// <summary>Exact duplicates (same sha256) and near duplicates, grouped as connected components with exact copies
/// folded in. Two images are near duplicates when one's pHash is within the threshold of the other's pHash, of the
/// pHash of its mirror image (a mirrored copy, marked as such) or of the pHash of a window inside it (a copy cropped by
/// up to 5% per side): see <see cref="PhashVariants"/>. Low-texture images (flat, smooth, symmetric: see hash's
/// is_low_texture) have pHashes that match almost anything, so they join a near group only through a byte-identical
/// copy.</summary>
public static class DuplicateFinder
{
    public const int DefaultThreshold = 8;

    public static DuplicateReport Find(IReadOnlyList<ManifestLine> images, int threshold)
    {
        var exact = images.Where(e => e.Sha256 is not null)
            .GroupBy(e => e.Sha256!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => new ExactGroup(g.Key, g.Select(e => e.Key).ToList()))
            .OrderBy(g => g.Paths[0], StringComparer.Ordinal)
            .ToList();

        var sets = new UnionFind(images.Count);
        var indexOfSha = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < images.Count; i++)
        {
            if (images[i].Sha256 is not { } sha) continue;
            if (indexOfSha.TryGetValue(sha, out var first)) sets.Union(first, i);
            else indexOfSha[sha] = i;
        }

        var hashes = images.Select(PhashVariants.Of).ToArray();
        LinkNear(hashes, threshold, sets);

        var near = Enumerable.Range(0, images.Count)
            .GroupBy(sets.Find)
            .Where(g => g.Count() > 1)
            .Select(g => Group(g.ToList(), images, hashes, sets))
            .OrderBy(g => g.Paths[0], StringComparer.Ordinal)
            .ToList();
        return new DuplicateReport(exact, near, threshold);
    }

    /// <summary>Joins, in <paramref name="sets"/>, every two images whose pHash is within the threshold of the other's
    /// pHash or of one of its variants (null: an image with no usable pHash). One index holds every image's pHash and
    /// variants and is probed by every pHash. Links without mirroring are made first, so a pair that is close both
    /// ways (a symmetric photo) is not called mirrored.</summary>
    public static void LinkNear(IReadOnlyList<PhashVariants?> hashes, int threshold, UnionFind sets)
    {
        var queries = new List<ulong>(hashes.Count);
        var queryOwners = new List<int>(hashes.Count);
        var entries = new List<ulong>(hashes.Count * 8);
        var entryOwners = new List<int>(hashes.Count * 8);
        var entryIsMirror = new List<bool>(hashes.Count * 8);
        for (var i = 0; i < hashes.Count; i++)
        {
            if (hashes[i] is not { } image) continue;
            queries.Add(image.Phash);
            queryOwners.Add(i);
            AddEntry(image.Phash, i, false);
            if (image.Mirror is { } mirror) AddEntry(mirror, i, true);
            foreach (var crop in image.Crops) AddEntry(crop, i, false);
        }

        var mirroredLinks = new List<(int A, int B)>();
        NearDuplicateIndex.FindMatches(queries.ToArray(), entries.ToArray(), threshold, (q, e, _) =>
        {
            int a = queryOwners[q], b = entryOwners[e];
            if (a == b) return;
            if (entryIsMirror[e]) mirroredLinks.Add((a, b));
            else sets.Union(a, b);
        });
        foreach (var (a, b) in mirroredLinks) sets.Union(a, b, mirrored: true);

        void AddEntry(ulong hash, int owner, bool mirror)
        {
            entries.Add(hash);
            entryOwners.Add(owner);
            entryIsMirror.Add(mirror);
        }
    }

    private static NearGroup Group(List<int> members, IReadOnlyList<ManifestLine> images,
        IReadOnlyList<PhashVariants?> hashes, UnionFind sets)
    {
        var firstMirrored = sets.FindOriented(members[0]).Mirrored;
        var mirrored = members.Where(i => sets.FindOriented(i).Mirrored != firstMirrored).ToHashSet();
        // Each member's pHash as seen in the first member's orientation.
        var aligned = members.Select(i => hashes[i] is not { } h ? PhashVariants.Parse(images[i].Phash)
            : mirrored.Contains(i) ? h.Mirror ?? h.Phash : h.Phash).OfType<ulong>().Take(2000).ToArray();
        return new NearGroup(members.Select(i => images[i].Key).ToList(), MaxDistance(aligned),
            members.Where(mirrored.Contains).Select(i => images[i].Key).ToList());
    }

    /// <summary>The largest pHash distance inside a group (0 for byte-identical copies; a mirrored member counted by
    /// its mirror image's pHash); exact for groups of any size that merge can show, so the report does not depend on
    /// which pairs the index happened to link. Cropped copies may lie further apart than the threshold.</summary>
    private static int MaxDistance(ulong[] hashes)
    {
        var max = 0;
        for (var a = 0; a < hashes.Length; a++)
            for (var b = a + 1; b < hashes.Length; b++)
                max = Math.Max(max, BitOperations.PopCount(hashes[a] ^ hashes[b]));
        return max;
    }
}

public sealed record ExactGroup(string Sha256, IReadOnlyList<string> Paths);

/// <summary>A near-duplicate group; <see cref="Mirrored"/> lists the members that are a mirror image of the first
/// (empty when none is).</summary>
public sealed record NearGroup(IReadOnlyList<string> Paths, int MaxDistance, IReadOnlyList<string> Mirrored);

public sealed record DuplicateReport(IReadOnlyList<ExactGroup> Exact, IReadOnlyList<NearGroup> Near, int Threshold)
{
    /// <summary>Images that are a redundant copy of another (every member of a near group but one).</summary>
    [JsonIgnore] public int RedundantImages => Near.Sum(g => g.Paths.Count - 1);
}
