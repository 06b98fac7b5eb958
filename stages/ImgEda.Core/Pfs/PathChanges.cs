namespace ImgEda.Core.Pfs;

/// <summary>How one listing of paths became another: the paths added, removed, and kept with different content
/// (each in ordinal order). Commits, datum outputs and manifests are all such listings.</summary>
public sealed record PathChanges(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Changed)
{
    public int Count => Added.Count + Removed.Count + Changed.Count;

    public static PathChanges Between<T>(IReadOnlyDictionary<string, T> before, IReadOnlyDictionary<string, T> after,
        IEqualityComparer<T>? sameContent = null)
    {
        var same = sameContent ?? EqualityComparer<T>.Default;
        var added = after.Keys.Where(p => !before.ContainsKey(p));
        var removed = before.Keys.Where(p => !after.ContainsKey(p));
        var changed = after.Where(p => before.TryGetValue(p.Key, out var old) && !same.Equals(old, p.Value))
            .Select(p => p.Key);
        return new PathChanges(Sorted(added), Sorted(removed), Sorted(changed));
    }

    private static List<string> Sorted(IEnumerable<string> paths) => paths.Order(StringComparer.Ordinal).ToList();
}
