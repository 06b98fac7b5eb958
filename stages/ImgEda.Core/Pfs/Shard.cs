using System.Globalization;
using System.Text;

namespace ImgEda.Core.Pfs;

/// <summary>One of N stable slices of the datums (`--shard I/N`): a datum belongs to shard hash(input/path) mod N, so
/// the same image always lands in the same shard, whatever else is in the bucket. Argo fans out over shards, never
/// over images.</summary>
public readonly record struct Shard(int Index, int Count)
{
    public static readonly Shard All = new(0, 1);

    public bool Contains(Datum datum) =>
        Count == 1 || (int)(Fnv1a($"{datum.Input}/{datum.Path}") % (ulong)Count) == Index;

    public static bool TryParse(string text, out Shard shard)
    {
        var parts = text.Split('/');
        shard = All;
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1 || index >= count)
            return false;
        shard = new Shard(index, count);
        return true;
    }

    public override string ToString() => $"{Index}/{Count}";

    // FNV-1a: tiny, stable across processes and platforms (string.GetHashCode is randomised per process).
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}
