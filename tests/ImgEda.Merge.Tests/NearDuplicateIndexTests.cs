namespace ImgEda.Merge.Tests;

public class NearDuplicateIndexTests
{
    /// <summary>Random hashes with planted groups: copies of a seed with up to <paramref name="maxFlips"/> bits
    /// flipped.</summary>
    internal static ulong[] Planted(int count, int groups, int groupSize, int maxFlips, int seed)
    {
        var random = new Random(seed);
        var hashes = new ulong[count];
        for (var i = 0; i < count; i++) hashes[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
        for (var g = 0; g < groups; g++)
        {
            var origin = g * groupSize;
            for (var m = 1; m < groupSize; m++)
            {
                var h = hashes[origin];
                for (var f = random.Next(maxFlips + 1); f > 0; f--) h ^= 1UL << random.Next(64);
                hashes[origin + m] = h;
            }
        }
        return hashes;
    }

    private static SortedSet<(int, int, int)> Pairs(ulong[] hashes, int threshold, bool exhaustive)
    {
        var pairs = new SortedSet<(int, int, int)>();
        if (exhaustive) NearDuplicateIndex.FindPairsExhaustively(hashes, threshold, (a, b, d) => pairs.Add((a, b, d)));
        else
            NearDuplicateIndex.FindPairs(hashes, threshold,
                (a, b, d) => Assert.True(pairs.Add((a, b, d)), $"pair {a},{b} reported twice"));
        return pairs;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(11)]
    public void Finds_exactly_the_pairs_an_exhaustive_comparison_finds(int threshold)
    {
        var hashes = Planted(4000, 300, 4, maxFlips: threshold + 2, seed: threshold);
        var expected = Pairs(hashes, threshold, exhaustive: true);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Pairs(hashes, threshold, exhaustive: false));
    }

    [Theory]
    [InlineData(1_000, 8)]
    [InlineData(10_000, 8)]
    [InlineData(10_000, 11)]
    public void The_chunking_follows_the_number_of_hashes_and_stays_exact(int count, int threshold)
    {
        var chunks = NearDuplicateIndex.ChunksFor(count, threshold);
        Assert.Equal(64, chunks.Sum(c => c.Bits));
        Assert.InRange(chunks.Length, 4, threshold + 1); // smaller tables than a million hashes get
        var hashes = Planted(count, count / 20, 3, maxFlips: threshold + 2, seed: count + threshold);
        Assert.Equal(Pairs(hashes, threshold, exhaustive: true), Pairs(hashes, threshold, exhaustive: false));
        Assert.Equal(3, NearDuplicateIndex.ChunksFor(1_000_000, 8).Length);
    }

    [Theory]
    [InlineData(2_000, 8, 8)]
    [InlineData(2_000, 5, 1)]
    [InlineData(300, 11, 20)]
    public void Queries_find_exactly_the_entries_an_exhaustive_comparison_finds(int count, int threshold, int perQuery)
    {
        // Entries are several hashes per query, some planted near it (as merge's mirror and crop variants are).
        var random = new Random(count + threshold);
        var queries = Planted(count, count / 10, 2, maxFlips: threshold + 2, seed: threshold);
        var entries = new ulong[count * perQuery];
        for (var e = 0; e < entries.Length; e++)
        {
            var h = e % 3 == 0 ? queries[random.Next(count)] : (ulong)random.NextInt64();
            for (var f = random.Next(threshold + 3); f > 0; f--) h ^= 1UL << random.Next(64);
            entries[e] = h;
        }
        var expected = new SortedSet<(int, int, int)>();
        NearDuplicateIndex.FindMatchesExhaustively(queries, entries, threshold, (q, e, d) => expected.Add((q, e, d)));
        var found = new SortedSet<(int, int, int)>();
        NearDuplicateIndex.FindMatches(queries, entries, threshold,
            (q, e, d) => Assert.True(found.Add((q, e, d)), $"match {q},{e} reported twice"));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, found);
    }

    [Fact]
    public void Equal_hashes_are_at_distance_zero_and_far_ones_are_not_paired()
    {
        var found = Pairs([0UL, 0UL, ulong.MaxValue, 0xFFUL], 8, exhaustive: false);
        Assert.Equal([(0, 1, 0), (0, 3, 8), (1, 3, 8)], found);
    }

    [Fact]
    public void Union_find_joins_transitively()
    {
        var sets = new UnionFind(5);
        sets.Union(0, 1);
        sets.Union(3, 4);
        sets.Union(1, 4);
        Assert.Equal(sets.Find(0), sets.Find(3));
        Assert.NotEqual(sets.Find(0), sets.Find(2));
    }
}
