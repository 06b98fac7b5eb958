using System.Numerics;

namespace ImgEda.Merge;

/// <summary>All pairs of 64-bit hashes within a Hamming distance, without comparing every pair (multi-index hashing,
/// Norouzi et al.): the hash is cut into m chunks; two hashes within distance t agree within floor(t / m) bits on at
/// least one chunk (pigeonhole). Each chunk has a direct-address table of buckets, and each hash probes every bucket
/// within that radius of its own chunk value, then checks the full distance. m is chosen for the number of hashes:
/// 3 chunks of 21-22 bits for a million (few probes into large tables), 5 of 12-13 bits for 10,000 (tables that stay
/// in the cache, buckets of about one hash). merge indexes every image's pHash with its mirror and crop pHashes
/// (8 hashes per image) and probes with the pHashes (<see cref="FindMatches"/>).</summary>
public static class NearDuplicateIndex
{

    /// <summary>Calls <paramref name="onPair"/>(i, j, distance) once per pair i &lt; j within
    /// <paramref name="threshold"/>: the hashes probing an index of themselves.</summary>
    public static void FindPairs(ReadOnlySpan<ulong> hashes, int threshold, Action<int, int, int> onPair) =>
        FindMatches(hashes, hashes, threshold, (i, j, distance) =>
        {
            if (i < j) onPair(i, j, distance);
        });

    /// <summary>Calls <paramref name="onMatch"/>(query, entry, distance) once per query and entry within
    /// <paramref name="threshold"/>: the same index, built over the entries (several hashes per image: merge's
    /// mirrored and cropped variants) and probed by the queries. Tables of millions of entries do not fit in the
    /// cache, so the probes are made in memory order: flip mask by flip mask, each over the queries sorted by their
    /// chunk value (key ^ mask then rises nearly in step), with a bucket's hashes copied next to each other.</summary>
    public static void FindMatches(ReadOnlySpan<ulong> queries, ReadOnlySpan<ulong> entries, int threshold,
        Action<int, int, int> onMatch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 20);
        var chunks = ChunksFor(queries.Length, entries.Length, threshold);
        var radius = threshold / chunks.Length;
        var keys = new int[queries.Length];
        var order = new int[queries.Length];
        var sorted = new ulong[queries.Length];
        for (var c = 0; c < chunks.Length; c++)
        {
            var (shift, bits) = chunks[c];
            var (starts, members) = Buckets(entries, shift, bits);
            var bucketed = new ulong[members.Length];
            for (var k = 0; k < members.Length; k++) bucketed[k] = entries[members[k]];
            var mask = (1UL << bits) - 1;
            for (var q = 0; q < queries.Length; q++) (keys[q], order[q]) = ((int)((queries[q] >> shift) & mask), q);
            Array.Sort(keys, order);
            for (var k = 0; k < order.Length; k++) sorted[k] = queries[order[k]];
            foreach (var flip in FlipMasks(bits, radius))
            {
                for (var s = 0; s < keys.Length; s++)
                {
                    var probe = keys[s] ^ flip;
                    int from = starts[probe], to = starts[probe + 1];
                    if (from == to) continue;
                    var query = sorted[s];
                    for (var k = from; k < to; k++)
                    {
                        var distance = BitOperations.PopCount(query ^ bucketed[k]);
                        if (distance > threshold || FoundByEarlierChunk(query, bucketed[k], chunks, c, radius))
                            continue;
                        onMatch(order[s], members[k], distance);
                    }
                }
            }
        }
    }

    /// <summary>Every query compared with every entry: the reference <see cref="FindMatches"/> is checked against.
    /// </summary>
    public static void FindMatchesExhaustively(ReadOnlySpan<ulong> queries, ReadOnlySpan<ulong> entries, int threshold,
        Action<int, int, int> onMatch)
    {
        for (var q = 0; q < queries.Length; q++)
            for (var e = 0; e < entries.Length; e++)
            {
                var distance = BitOperations.PopCount(queries[q] ^ entries[e]);
                if (distance <= threshold) onMatch(q, e, distance);
            }
    }

    /// <summary>Every pair compared: the reference the index is checked against.</summary>
    public static void FindPairsExhaustively(ReadOnlySpan<ulong> hashes, int threshold, Action<int, int, int> onPair)
    {
        for (var i = 0; i < hashes.Length; i++)
            for (var j = i + 1; j < hashes.Length; j++)
            {
                var distance = BitOperations.PopCount(hashes[i] ^ hashes[j]);
                if (distance <= threshold) onPair(i, j, distance);
            }
    }

    /// <summary>The chunking with the least expected work: per hash and chunk, the probes times the hashes a bucket
    /// holds (1 + n / 2^bits), plus building the tables. Chunks stay at most 22 bits (a table of 4M entries).</summary>
    internal static (int Shift, int Bits)[] ChunksFor(int count, int threshold) => ChunksFor(count, count, threshold);

    /// <summary>The same for <paramref name="queries"/> probing tables of <paramref name="entries"/>.</summary>
    internal static (int Shift, int Bits)[] ChunksFor(int queries, int entries, int threshold)
    {
        (int Shift, int Bits)[] best = [];
        var bestCost = double.MaxValue;
        for (var m = 3; m <= Math.Max(3, threshold + 1); m++)
        {
            var chunks = Enumerable.Range(0, m)
                .Select(c => (Shift: 64 * c / m, Bits: 64 * (c + 1) / m - 64 * c / m))
                .ToArray();
            var probes = FlipMaskCount(chunks[0].Bits, threshold / m);
            var cost = chunks.Sum(c =>
                (double)queries * probes * (1 + entries / Math.Pow(2, c.Bits)) + Math.Pow(2, c.Bits));
            if (cost < bestCost) (best, bestCost) = (chunks, cost);
        }
        return best;
    }

    private static double FlipMaskCount(int bits, int radius)
    {
        double count = 0, choose = 1;
        for (var k = 0; k <= radius; k++)
        {
            count += choose;
            choose = choose * (bits - k) / (k + 1);
        }
        return count;
    }

    private static bool FoundByEarlierChunk(ulong a, ulong b, (int Shift, int Bits)[] chunks, int chunk, int radius)
    {
        for (var c = 0; c < chunk; c++)
        {
            var (shift, bits) = chunks[c];
            if (BitOperations.PopCount(((a ^ b) >> shift) & ((1UL << bits) - 1)) <= radius) return true;
        }
        return false;
    }

    /// <summary>Compressed buckets: members of bucket v are members[starts[v] .. starts[v + 1]).</summary>
    private static (int[] Starts, int[] Members) Buckets(ReadOnlySpan<ulong> hashes, int shift, int bits)
    {
        var mask = (1UL << bits) - 1;
        var starts = new int[(1 << bits) + 1];
        foreach (var h in hashes) starts[(int)((h >> shift) & mask) + 1]++;
        for (var v = 0; v < 1 << bits; v++) starts[v + 1] += starts[v];
        var fill = starts.AsSpan(0, 1 << bits).ToArray();
        var members = new int[hashes.Length];
        for (var i = 0; i < hashes.Length; i++) members[fill[(int)((hashes[i] >> shift) & mask)]++] = i;
        return (starts, members);
    }

    /// <summary>Every mask of <paramref name="bits"/> bits with at most <paramref name="radius"/> bits set (0 first):
    /// key ^ mask runs over every value within that Hamming distance of key.</summary>
    private static int[] FlipMasks(int bits, int radius)
    {
        var masks = new List<int> { 0 };
        for (var start = 0; start < masks.Count; start++)
        {
            var mask = masks[start];
            if (System.Numerics.BitOperations.PopCount((uint)mask) == radius) continue;
            // Extend only above the highest set bit, so each mask is generated once.
            var from = mask == 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)mask);
            for (var b = from; b < bits; b++) masks.Add(mask | (1 << b));
        }
        return [.. masks];
    }
}
