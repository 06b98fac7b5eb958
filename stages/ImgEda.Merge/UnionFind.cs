namespace ImgEda.Merge;

/// <summary>Disjoint sets over 0..n-1 with path halving and union by size. Each element also knows whether it is
/// mirrored relative to its set's root (a parity along the path), so a group can say which of its members are
/// mirrored copies of the others.</summary>
public sealed class UnionFind
{
    private readonly int[] _parent;
    private readonly int[] _size;
    /// <summary>Whether the element is mirrored relative to its parent.</summary>
    private readonly bool[] _mirrored;

    public UnionFind(int count)
    {
        _parent = new int[count];
        _size = new int[count];
        _mirrored = new bool[count];
        for (var i = 0; i < count; i++) { _parent[i] = i; _size[i] = 1; }
    }

    public int Find(int x) => FindOriented(x).Root;

    /// <summary>The root of x's set, and whether x is mirrored relative to it.</summary>
    public (int Root, bool Mirrored) FindOriented(int x)
    {
        var mirrored = false;
        while (_parent[x] != x)
        {
            // Path halving: x skips its parent, so its parity to the new parent takes in the parent's own.
            var parent = _parent[x];
            _mirrored[x] ^= _mirrored[parent];
            _parent[x] = _parent[parent];
            mirrored ^= _mirrored[x];
            x = _parent[x];
        }
        return (x, mirrored);
    }

    /// <summary>Joins the sets of a and b, b being a mirrored copy of a when <paramref name="mirrored"/>; returns the
    /// root of the joined set. When a and b are already in one set nothing changes (the first link decided).</summary>
    public int Union(int a, int b, bool mirrored = false)
    {
        var (ra, pa) = FindOriented(a);
        var (rb, pb) = FindOriented(b);
        if (ra == rb) return ra;
        if (_size[ra] < _size[rb]) (ra, rb) = (rb, ra);
        _parent[rb] = ra;
        _mirrored[rb] = pa ^ pb ^ mirrored;
        _size[ra] += _size[rb];
        return ra;
    }
}
