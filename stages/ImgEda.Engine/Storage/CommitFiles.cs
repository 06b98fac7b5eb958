using System.Collections.Concurrent;
using ImgEda.Engine.Datums;

namespace ImgEda.Engine.Storage;

/// <summary>The file lists of the commits one run has read or written. A commit never changes, so the list a job
/// commits serves the planning and checkouts of the jobs downstream of it (merge would otherwise read 60,000 rows
/// back that its upstream jobs had just written). Lives for one run: a watching engine does not grow it
/// forever.</summary>
public sealed class CommitFiles
{
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<RepoFile>>> _byCommit =
        new(StringComparer.Ordinal);

    /// <summary>The commit's files, read once however many jobs ask at the same time (the per-image pipelines all plan
    /// over the same input commit, side by side).</summary>
    public IReadOnlyList<RepoFile> GetOrRead(string commitId, Func<IReadOnlyList<RepoFile>> read) =>
        _byCommit.GetOrAdd(commitId, _ => new Lazy<IReadOnlyList<RepoFile>>(read)).Value;

    public void Remember(string commitId, IReadOnlyList<RepoFile> files) =>
        _byCommit[commitId] = new Lazy<IReadOnlyList<RepoFile>>(files);
}
