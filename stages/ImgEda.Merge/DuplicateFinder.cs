using System.Globalization;
using System.Numerics;
using System.Text.Json.Serialization;

namespace ImgEda.Merge;

/// <summary>Exact duplicates (same sha256) and near duplicates (pHash within a Hamming distance, grouped as connected
/// components, exact copies folded in). Low-texture images (flat, smooth, symmetric: see hash's is_low_texture) have
/// pHashes that match almost anything, so they join a near group only through a byte-identical copy.</summary>
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

        var phashes = images.Select(e => Phash(e.Phash)).ToArray();
        var hashed = Enumerable.Range(0, images.Count).Where(i => !images[i].Flag("is_low_texture") && phashes[i] is not null).ToList();
        var hashes = hashed.Select(i => phashes[i]!.Value).ToArray();
        NearDuplicateIndex.FindPairs(hashes, threshold, (a, b, _) => sets.Union(hashed[a], hashed[b]));

        var near = Enumerable.Range(0, images.Count)
            .GroupBy(sets.Find)
            .Where(g => g.Count() > 1)
            .Select(g => new NearGroup(g.Select(i => images[i].Key).ToList(), MaxDistance(g.Select(i => phashes[i]).OfType<ulong>().Take(2000).ToArray())))
            .OrderBy(g => g.Paths[0], StringComparer.Ordinal)
            .ToList();
        return new DuplicateReport(exact, near, threshold);
    }

    /// <summary>A pHash as hash writes it (16 hex digits), or null.</summary>
    private static ulong? Phash(string? text) =>
        text is { Length: 16 } && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The largest pHash distance inside a group (0 for byte-identical copies); exact for groups of any size
    /// that merge can show, so the report does not depend on which pairs the index happened to link.</summary>
    private static int MaxDistance(ulong[] hashes)
    {
        var max = 0;
        for (var a = 0; a < hashes.Length; a++)
            for (var b = a + 1; b < hashes.Length; b++) max = Math.Max(max, BitOperations.PopCount(hashes[a] ^ hashes[b]));
        return max;
    }
}

public sealed record ExactGroup(string Sha256, IReadOnlyList<string> Paths);

public sealed record NearGroup(IReadOnlyList<string> Paths, int MaxDistance);

public sealed record DuplicateReport(IReadOnlyList<ExactGroup> Exact, IReadOnlyList<NearGroup> Near, int Threshold)
{
    /// <summary>Images that are a redundant copy of another (every member of a near group but one).</summary>
    [JsonIgnore] public int RedundantImages => Near.Sum(g => g.Paths.Count - 1);
}
