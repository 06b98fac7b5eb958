using System.Numerics;

namespace ImgEda.Merge;

/// <summary>All pairs of 64-bit hashes within a Hamming distance, without comparing every pair (multi-index hashing,
/// Norouzi et al.): the hash is cut into m chunks; two hashes within distance t agree within floor(t / m) bits on at
/// least one chunk (pigeonhole). Each chunk has a direct-address table of buckets, and each hash probes every bucket
/// within that radius of its own chunk value, then checks the full distance. m is chosen for the number of hashes:
/// 3 chunks of 21-22 bits for a million (few probes into large tables), 5 of 12-13 bits for 10,000 (tables that stay
/// in the cache, buckets of about one hash).</summary>
public static class NearDuplicateIndex
{

    /// <summary>Calls <paramref name="onPair"/>(i, j, distance) once per pair i &lt; j within <paramref name="threshold"/>;
    /// a pair close on several chunks is reported once, by the first chunk that finds it.</summary>
    public static void FindPairs(ReadOnlySpan<ulong> hashes, int threshold, Action<int, int, int> onPair)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 20);
        var chunks = ChunksFor(hashes.Length, threshold);
        var radius = threshold / chunks.Length;
        for (var c = 0; c < chunks.Length; c++)
        {
            var (shift, bits) = chunks[c];
            var (starts, members) = Buckets(hashes, shift, bits);
            var mask = (1UL << bits) - 1;
            var flips = FlipMasks(bits, radius);
            for (var i = 0; i < hashes.Length; i++)
            {
                var key = (int)((hashes[i] >> shift) & mask);
                foreach (var flip in flips)
                {
                    var probe = key ^ flip;
                    for (var k = starts[probe]; k < starts[probe + 1]; k++)
                    {
                        var j = members[k];
                        if (j <= i) continue;
                        var distance = BitOperations.PopCount(hashes[i] ^ hashes[j]);
                        if (distance > threshold || FoundByEarlierChunk(hashes[i], hashes[j], chunks, c, radius)) continue;
                        onPair(i, j, distance);
                    }
                }
            }
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
    internal static (int Shift, int Bits)[] ChunksFor(int count, int threshold)
    {
        (int Shift, int Bits)[] best = [];
        var bestCost = double.MaxValue;
        for (var m = 3; m <= Math.Max(3, threshold + 1); m++)
        {
            var chunks = Enumerable.Range(0, m).Select(c => (Shift: 64 * c / m, Bits: 64 * (c + 1) / m - 64 * c / m)).ToArray();
            var probes = FlipMaskCount(chunks[0].Bits, threshold / m);
            var cost = chunks.Sum(c => (double)count * probes * (1 + count / Math.Pow(2, c.Bits)) + Math.Pow(2, c.Bits));
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
