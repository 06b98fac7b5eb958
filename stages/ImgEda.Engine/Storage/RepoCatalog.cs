using System.Globalization;
using ImgEda.Core;
using ImgEda.Core.Pfs;
using ImgEda.Engine.Datums;

namespace ImgEda.Engine.Storage;

/// <summary>Repos, their commits and each commit's files (<paramref name="known"/>: lists already read in this
/// run).</summary>
public sealed class RepoCatalog(MetadataDb db, CommitFiles? known = null)
{
    public sealed record RepoSummary(string Name, string? Pipeline, long Commits, string? Head, long Files, long Bytes);

    public sealed record FileChange(string Path, string? Object, long Size);

    public bool Exists(string repo) => db.Scalar<long>("SELECT COUNT(*) FROM repos WHERE name = $n", ("$n", repo)) > 0;

    /// <summary>The pipeline whose output repo this is, or null for an input repo.</summary>
    public string? PipelineOf(string repo) =>
        db.Scalar<string>("SELECT pipeline FROM repos WHERE name = $n", ("$n", repo));

    public void Create(string repo, string? pipeline = null)
    {
        ValidateName(repo);
        db.Execute("INSERT INTO repos(name, created, pipeline) VALUES($n, $c, $p) ON CONFLICT(name) DO NOTHING",
            ("$n", repo), ("$c", Now()), ("$p", pipeline));
    }

    public static void ValidateName(string repo)
    {
        if (repo.Length == 0 || !repo.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw new UsageException($"repo name '{repo}' may only hold letters, digits, '_' and '-'");
    }

    public void Require(string repo)
    {
        if (!Exists(repo))
            throw new UsageException($"no repo named '{repo}'; create it with: imgeda repo create {repo}");
    }

    public List<RepoSummary> List() => db.Query("""
        SELECT r.name, r.pipeline, (SELECT COUNT(*) FROM commits c WHERE c.repo = r.name) AS commits, h.id AS head
        FROM repos r
            LEFT JOIN commits h ON h.repo = r.name AND h.seq = (SELECT MAX(seq) FROM commits WHERE repo = r.name)
        ORDER BY r.name
        """, r => (
            Name: r.GetString(0),
            Pipeline: r.IsDBNull(1) ? null : r.GetString(1),
            Commits: r.GetInt64(2),
            Head: r.IsDBNull(3) ? null : r.GetString(3)))
        .Select(r =>
        {
            var files = r.Head is null ? [] : Files(r.Head);
            return new RepoSummary(r.Name, r.Pipeline, r.Commits, r.Head, files.Count, files.Sum(f => f.Size));
        }).ToList();

    public CommitInfo? Head(string repo) =>
        Commits("WHERE repo = $r ORDER BY seq DESC LIMIT 1", ("$r", repo)).FirstOrDefault();

    public List<CommitInfo> History(string repo) => Commits("WHERE repo = $r ORDER BY seq DESC", ("$r", repo));

    public CommitInfo? Find(string id) => Commits("WHERE id = $i", ("$i", id)).FirstOrDefault();

    /// <summary>The commit <paramref name="back"/> commits before the head (0: the head).</summary>
    public CommitInfo? Before(string repo, int back) =>
        Commits("WHERE repo = $r ORDER BY seq DESC LIMIT 1 OFFSET $o", ("$r", repo), ("$o", back)).FirstOrDefault();

    public List<CommitInfo> WithIdPrefix(string repo, string prefix) =>
        Commits("WHERE repo = $r AND substr(id, 1, length($p)) = $p", ("$r", repo), ("$p", prefix));

    /// <summary>A commit's files, by path: its rows, then its ancestors' down to the nearest snapshot, the newest row
    /// of a path winning (a removal hides the path).</summary>
    public IReadOnlyList<RepoFile> Files(string commitId) =>
        known is null ? Read(commitId) : known.GetOrRead(commitId, () => Read(commitId));

    private List<RepoFile> Read(string commitId)
    {
        var files = new Dictionary<string, RepoFile>(StringComparer.Ordinal);
        var rows = db.Query("""
            WITH RECURSIVE chain(id, parent, depth, n) AS (
                SELECT id, parent, depth, 0 FROM commits WHERE id = $c
                UNION ALL SELECT c.id, c.parent, c.depth, chain.n + 1
                FROM commits c JOIN chain ON c.id = chain.parent WHERE chain.depth > 0)
            SELECT f.path, f.object, f.size FROM chain JOIN files f ON f.commit_id = chain.id ORDER BY chain.n
            """, r => new RepoFile(r.GetString(0), r.GetString(1), r.GetInt64(2)), ("$c", commitId));
        foreach (var row in rows) files.TryAdd(row.Path, row);
        return files.Values.Where(f => f.Object != RemovedObject).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>A new commit: the head's files, then <paramref name="changes"/> applied in order (an object of null
    /// deletes the path and everything under it). Returns null when nothing would change.</summary>
    public CommitInfo? Commit(string repo, IEnumerable<FileChange> changes, string? description)
    {
        CommitInfo? created = null;
        db.InTransaction(() =>
        {
            var parent = Head(repo);
            var before = parent is null ? [] : Files(parent.Id);
            var files = before.ToDictionary(f => f.Path, StringComparer.Ordinal);
            foreach (var change in changes)
            {
                if (change.Object is not null)
                {
                    files[change.Path] = new RepoFile(change.Path, change.Object, change.Size);
                    continue;
                }
                files.Remove(change.Path);
                var underFolder = files.Keys
                    .Where(p => p.StartsWith(change.Path + "/", StringComparison.Ordinal))
                    .ToList();
                foreach (var under in underFolder) files.Remove(under);
            }
            RefuseFileAndFolder(repo, files, changes.Where(c => c.Object is not null).Select(c => c.Path));
            created = WriteCommit(repo, parent, before, files.Values, null, description, allowEmpty: parent is null);
            CrashPoint.Reach("commit");
        });
        return created;
    }

    /// <summary>A path cannot be a file and a folder at once (a file `a` and a file `a/b.png`): no checkout, /pfs
    /// folder or `get` could hold both.</summary>
    private static void RefuseFileAndFolder(
        string repo, IReadOnlyDictionary<string, RepoFile> files, IEnumerable<string> added)
    {
        var paths = added.ToList();
        if (paths.Count == 0) return;
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in files.Keys)
            for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
                folders.Add(path[..slash]);
        foreach (var path in paths)
        {
            if (folders.Contains(path))
                throw new UsageException(
                    $"{repo}:/{path} would be a file and a folder at once (it holds files already); delete one first");
            for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
                if (files.ContainsKey(path[..slash]))
                    throw new UsageException(
                        $"{repo}:/{path} cannot be put: {path[..slash]} is a file in {repo}; delete one first");
        }
    }

    /// <summary>Adds a commit on top of <paramref name="parent"/> holding <paramref name="files"/> (call inside a
    /// transaction): its changes on the parent, or a snapshot when the chain of deltas would grow past
    /// <see cref="MaxDepth"/> or most files changed. Null when nothing changed and <paramref name="allowEmpty"/> is not
    /// set.</summary>
    internal CommitInfo? WriteCommit(
        string repo,
        CommitInfo? parent,
        IReadOnlyList<RepoFile> before,
        IEnumerable<RepoFile> files,
        string? job,
        string? description,
        bool allowEmpty)
    {
        var after = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var difference = PathChanges.Between(
            before.ToDictionary(f => f.Path, f => f.Object, StringComparer.Ordinal),
            after.ToDictionary(p => p.Key, p => p.Value.Object, StringComparer.Ordinal));
        var changes = difference.Added.Concat(difference.Changed).Select(p => after[p])
            .Concat(difference.Removed.Select(p => new RepoFile(p, RemovedObject, 0))).ToList();
        if (changes.Count == 0 && !allowEmpty) return null;
        var depth = parent is null
            ? 0
            : db.Scalar<long>("SELECT depth FROM commits WHERE id = $i", ("$i", parent.Id)) + 1;
        if (depth > MaxDepth || changes.Count * 2 > after.Count) depth = 0;
        var id = InsertCommit(repo, parent, job, description, depth);
        var rows = depth == 0 ? after.Values : (IEnumerable<RepoFile>)changes;
        db.Execute(
            "INSERT INTO files(commit_id, path, object, size) "
                + "SELECT $c, value ->> 0, value ->> 1, value ->> 2 FROM json_each($rows)",
            ("$c", id), ("$rows", JsonRows.Of(rows.Select(f => new object?[] { f.Path, f.Object, f.Size }))));
        known?.Remember(id, after.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToList());
        return Find(id);
    }

    /// <summary>A commit more deltas than this above its snapshot is written as a snapshot: reading a commit stays a
    /// few dozen small row sets.</summary>
    public const int MaxDepth = 32;

    /// <summary>The object of a path a delta commit removes.</summary>
    private const string RemovedObject = "";

    private string InsertCommit(string repo, CommitInfo? parent, string? job, string? description, long depth)
    {
        var id = Guid.NewGuid().ToString("N");
        db.Execute(
            "INSERT INTO commits(id, repo, seq, parent, created, job, description, depth) "
                + "VALUES($i, $r, $s, $p, $c, $j, $d, $depth)",
            ("$i", id), ("$r", repo), ("$s", (parent?.Seq ?? 0) + 1), ("$p", parent?.Id), ("$c", Now()),
            ("$j", job), ("$d", description), ("$depth", depth));
        return id;
    }

    public PathChanges Diff(string? fromCommit, string toCommit) =>
        PathChanges.Between(
            fromCommit is null ? new Dictionary<string, string>() : ObjectsOf(fromCommit),
            ObjectsOf(toCommit));

    private Dictionary<string, string> ObjectsOf(string commit) =>
        Files(commit).ToDictionary(f => f.Path, f => f.Object, StringComparer.Ordinal);

    private List<CommitInfo> Commits(string where, params (string, object?)[] parameters) =>
        db.Query($"SELECT id, repo, seq, parent, created, job, description FROM commits {where}",
            r => new CommitInfo(
                r.GetString(0),
                r.GetString(1),
                r.GetInt64(2),
                r.IsDBNull(3) ? null : r.GetString(3),
                DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture),
                r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6)),
            parameters);

    internal static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
