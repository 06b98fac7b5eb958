namespace ImgEda.Core.Pfs;

/// <summary>Walks the inputs lazily, in a stable order, and yields one datum per regular file at any depth.
/// A symbolic link is followed only when its target stays inside the input it sits in.</summary>
public sealed class DatumScanner(PfsLayout layout, Action<string> onSkipped)
{
    public IEnumerable<Datum> Scan()
    {
        foreach (var input in layout.Inputs)
        {
            var root = layout.InputDirectory(input);
            var realRoot = RealPath(root);
            var visited = new HashSet<string>(StringComparer.Ordinal) { realRoot };
            foreach (var datum in Walk(input, root, "", realRoot, visited)) yield return datum;
        }
    }

    private IEnumerable<Datum> Walk(
        string input,
        string directory,
        string prefix,
        string realRoot,
        HashSet<string> visited)
    {
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(directory)
                .EnumerateFileSystemInfos()
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            onSkipped($"{input}/{prefix}: cannot list folder ({e.Message})");
            yield break;
        }
        foreach (var entry in entries)
        {
            var relative = prefix + entry.Name;
            var isDirectory = entry is DirectoryInfo;
            if (entry.LinkTarget is not null)
            {
                var target = ResolveInside(entry, realRoot);
                if (target is null)
                {
                    onSkipped($"{input}/{relative}: symbolic link points outside the input or nowhere; skipped");
                    continue;
                }
                isDirectory = Directory.Exists(target);
                if (isDirectory && !visited.Add(target)) continue;
            }
            if (isDirectory)
            {
                foreach (var d in Walk(input, entry.FullName, relative + "/", realRoot, visited)) yield return d;
            }
            else if (entry is FileInfo || File.Exists(entry.FullName))
            {
                yield return new Datum(input, relative, entry.FullName);
            }
        }
    }

    private static string? ResolveInside(FileSystemInfo link, string realRoot)
    {
        try
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !target.Exists) return null;
            var real = RealPath(target.FullName);
            return real.StartsWith(realRoot + "/", StringComparison.Ordinal) ? real : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The path with every symbolic link in it resolved (so a link into a linked folder is judged by where it
    /// lands).</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var parts = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "/";
        foreach (var part in parts)
        {
            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                var resolved = info.ResolveLinkTarget(true);
                next = resolved is null ? next : RealPath(resolved.FullName);
            }
            current = next;
        }
        return current;
    }
}
