using System.Collections.Concurrent;
using ImgEda.Engine.Datums;

namespace ImgEda.Engine.Storage;

/// <summary>The file lists of the commits one run has read or written. A commit never changes, so the list a job
/// commits serves the planning and checkouts of the jobs downstream of it (merge would otherwise read 60,000 rows
/// back that its upstream jobs had just written). Lives for one run: a watching engine does not grow it forever.</summary>
public sealed class CommitFiles
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<RepoFile>> _byCommit = new(StringComparer.Ordinal);

    public bool TryGet(string commitId, out IReadOnlyList<RepoFile> files) => _byCommit.TryGetValue(commitId, out files!);

    public void Remember(string commitId, IReadOnlyList<RepoFile> files) => _byCommit[commitId] = files;
}
