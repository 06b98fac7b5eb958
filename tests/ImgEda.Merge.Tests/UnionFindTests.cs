namespace ImgEda.Merge.Tests;

public class UnionFindTests
{
    [Fact]
    public void Mirroring_composes_along_the_links_whatever_the_order_of_the_unions()
    {
        // 0 - 1 plain, 1 - 2 mirrored, 2 - 3 mirrored, 3 - 4 plain, 5 - 4 mirrored: relative to 0, members 2 and 5 are
        // mirrored, 1, 3 and 4 are not (two mirrorings cancel).
        (int A, int B, bool Mirrored)[] links =
            [(0, 1, false), (1, 2, true), (2, 3, true), (3, 4, false), (5, 4, true)];
        var expected = new[] { false, false, true, false, false, true };
        foreach (var seed in Enumerable.Range(0, 20))
        {
            var sets = new UnionFind(7);
            foreach (var (a, b, mirrored) in links.OrderBy(_ => new Random(seed).Next()).ToArray())
            {
                if (seed % 2 == 0) sets.Union(a, b, mirrored); else sets.Union(b, a, mirrored);
            }
            var (root, first) = sets.FindOriented(0);
            for (var i = 0; i < 6; i++)
            {
                var (r, mirrored) = sets.FindOriented(i);
                Assert.Equal(root, r);
                Assert.Equal(expected[i], mirrored != first);
            }
            Assert.NotEqual(root, sets.Find(6));
        }
    }

    [Fact]
    public void A_link_inside_a_set_changes_nothing()
    {
        var sets = new UnionFind(2);
        sets.Union(0, 1);
        sets.Union(0, 1, mirrored: true);
        Assert.Equal(sets.FindOriented(0).Mirrored, sets.FindOriented(1).Mirrored);
    }
}
