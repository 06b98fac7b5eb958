using System.Collections.Concurrent;
using ImgEda.Core;
using ImgEda.Core.Running;

namespace ImgEda.Engine.Storage;

/// <summary>`imgeda put`: copies files and folders into the object store (each content once) and makes one commit
/// of all of them. Nothing is committed until every file is stored, so a killed put leaves the repo as it
/// was.</summary>
public sealed class FileImporter(EngineHome home, StepLog log)
{
    public sealed record Source(string LocalPath, string RepoPath);

    public sealed record Outcome(CommitInfo? Commit, int Stored, IReadOnlyList<string> Unreadable);

    /// <summary>A folder's files go under <paramref name="destination"/> keeping their relative paths (like
    /// pachctl put file -r); a file goes to destination/&lt;its name&gt;. Only regular files are put: a path named here
    /// is followed if it is a link; inside a folder a link is followed only when it leads to a regular file inside that
    /// folder (as the steps treat their inputs). Links to folders or out of the folder, FIFOs, sockets and devices
    /// (a FIFO would block the put, /dev/zero would fill the disk) are reported and skipped.</summary>
    public static List<Source> Expand(IEnumerable<string> paths, string destination, Action<string> onSkipped)
    {
        var prefix = destination.Trim('/');
        string Join(string relative) => prefix.Length == 0 ? relative : $"{prefix}/{relative}";
        var sources = new List<Source>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                sources.AddRange(FilesUnder(path, onSkipped)
                    .Order(StringComparer.Ordinal)
                    .Select(f => new Source(f, Join(Path.GetRelativePath(path, f)))));
            }
            else if (File.Exists(path))
            {
                if (PathKinds.Of(Resolved(path)) == PathKind.Regular)
                    sources.Add(new Source(path, Join(Path.GetFileName(path))));
                else onSkipped($"{path}: not a regular file (a FIFO, socket or device); skipped");
            }
            else onSkipped($"{path}: no such file or folder");
        }
        return sources;
    }

    /// <summary>The path a chain of links ends at (the path itself when it is no link; "" for a loop).</summary>
    private static string Resolved(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Every regular file below <paramref name="folder"/> (see <see cref="Expand"/>); what is skipped, and a
    /// folder that cannot be listed, is reported, the rest go on.</summary>
    private static List<string> FilesUnder(string folder, Action<string> onSkipped)
    {
        var root = Path.GetFullPath(Resolved(folder)) + "/";
        var files = new List<string>();
        var pending = new Stack<string>([folder]);
        while (pending.TryPop(out var current))
        {
            try
            {
                var everything = new EnumerationOptions { AttributesToSkip = 0 };
                foreach (var entry in Directory.EnumerateFileSystemEntries(current, "*", everything))
                {
                    switch (PathKinds.Of(entry))
                    {
                        case PathKind.Regular:
                            files.Add(entry);
                            break;
                        case PathKind.Directory:
                            pending.Push(entry);
                            break;
                        case PathKind.SymbolicLink:
                            var target = Resolved(entry);
                            var inside = target.StartsWith(root, StringComparison.Ordinal);
                            if (inside && PathKinds.Of(target) == PathKind.Regular)
                                files.Add(entry);
                            else onSkipped($"{entry}: a symbolic link to {(PathKinds.Of(target) switch
                            {
                                PathKind.Directory => "a folder",
                                PathKind.Missing => "nothing",
                                PathKind.Special => "a FIFO, socket or device",
                                _ => "a file outside the folder",
                            })}; only links to files inside the folder are followed; skipped");
                            break;
                        case PathKind.Special:
                            onSkipped($"{entry}: a FIFO, socket or device, not a regular file; skipped");
                            break;
                    }
                }
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                onSkipped($"{current}: cannot list this folder ({e.Message}); its files were not put");
            }
        }
        return files;
    }

    public Outcome Put(string repo, IReadOnlyList<Source> sources, string? message)
    {
        using var db = home.Metadata();
        var repos = new RepoCatalog(db);
        repos.Require(repo);
        if (repos.PipelineOf(repo) is { } pipeline)
            throw new UsageException($"{repo} is the output repo of pipeline {pipeline}; only its jobs commit to it");
        var duplicates = sources
            .GroupBy(s => s.RepoPath, StringComparer.Ordinal)
            .Where(g => g.Count() > 1);
        foreach (var duplicate in duplicates.Take(1))
        {
            var localPaths = string.Join(", ", duplicate.Select(s => s.LocalPath));
            throw new UsageException($"two files would land at {repo}:/{duplicate.Key} ({localPaths})");
        }

        var stored = new ConcurrentBag<RepoCatalog.FileChange>();
        var unreadable = new ConcurrentBag<string>();
        void Store(Source source)
        {
            if (source.RepoPath.Contains('\uFFFD') || source.RepoPath.Split('/').Any(s => s is "" or "." or ".."))
            {
                unreadable.Add(
                    $"{source.LocalPath}: its name is not valid UTF-8 or not a clean relative path; rename it");
                return;
            }
            try
            {
                var (hash, size) = home.Objects.AddCopy(source.LocalPath);
                stored.Add(new RepoCatalog.FileChange(source.RepoPath, hash, size));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The source or the store (a full disk): the message says which.
                unreadable.Add($"{source.LocalPath}: not stored ({e.Message})");
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        if (ProgressBar.IsWanted && sources.Count > 1) ProgressBar.ForEach(sources, parallel, $"put {repo}", Store);
        else Parallel.ForEach(sources, parallel, Store);
        foreach (var problem in unreadable.Order(StringComparer.Ordinal)) log.Error(problem);
        var changes = stored.OrderBy(c => c.Path, StringComparer.Ordinal).ToList();
        var commit = changes.Count == 0 ? null : repos.Commit(repo, changes, message);
        return new Outcome(commit, changes.Count, unreadable.ToList());
    }

    /// <summary>A commit without these paths (a folder path removes everything under it).</summary>
    public CommitInfo? Delete(string repo, IEnumerable<string> paths, string? message)
    {
        using var db = home.Metadata();
        var repos = new RepoCatalog(db);
        repos.Require(repo);
        if (repos.PipelineOf(repo) is { } pipeline)
            throw new UsageException($"{repo} is the output repo of pipeline {pipeline}; only its jobs commit to it");
        return repos.Commit(repo, paths.Select(p => new RepoCatalog.FileChange(p.Trim('/'), null, 0)), message);
    }
}
