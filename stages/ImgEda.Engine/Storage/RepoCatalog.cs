using System.Globalization;
using ImgEda.Core;
using ImgEda.Engine.Datums;

namespace ImgEda.Engine.Storage;

/// <summary>Repos, their commits and each commit's files.</summary>
public sealed class RepoCatalog(MetadataDb db)
{
    public sealed record RepoSummary(string Name, string? Pipeline, long Commits, string? Head, long Files, long Bytes);

    public sealed record FileChange(string Path, string? Object, long Size);

    public bool Exists(string repo) => db.Scalar<long>("SELECT COUNT(*) FROM repos WHERE name = $n", ("$n", repo)) > 0;

    /// <summary>The pipeline whose output repo this is, or null for an input repo.</summary>
    public string? PipelineOf(string repo) => db.Scalar<string>("SELECT pipeline FROM repos WHERE name = $n", ("$n", repo));

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
        if (!Exists(repo)) throw new UsageException($"no repo named '{repo}'; create it with: imgeda repo create {repo}");
    }

    public List<RepoSummary> List() => db.Query("""
        SELECT r.name, r.pipeline,
               (SELECT COUNT(*) FROM commits c WHERE c.repo = r.name) AS commits,
               h.id AS head,
               (SELECT COUNT(*) FROM files f WHERE f.commit_id = h.id) AS files,
               (SELECT COALESCE(SUM(size), 0) FROM files f WHERE f.commit_id = h.id) AS bytes
        FROM repos r LEFT JOIN commits h ON h.repo = r.name AND h.seq = (SELECT MAX(seq) FROM commits WHERE repo = r.name)
        ORDER BY r.name
        """, r => new RepoSummary(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt64(4), r.GetInt64(5)));

    public CommitInfo? Head(string repo) =>
        Commits("WHERE repo = $r ORDER BY seq DESC LIMIT 1", ("$r", repo)).FirstOrDefault();

    public List<CommitInfo> History(string repo) => Commits("WHERE repo = $r ORDER BY seq DESC", ("$r", repo));

    public CommitInfo? Find(string id) => Commits("WHERE id = $i", ("$i", id)).FirstOrDefault();

    /// <summary>REPO (its head), REPO@master, REPO@ID or REPO@ID-PREFIX, REPO@^N (N commits before the head).</summary>
    public CommitInfo Resolve(string reference)
    {
        var at = reference.IndexOf('@');
        var repo = at < 0 ? reference : reference[..at];
        var commit = at < 0 ? "" : reference[(at + 1)..];
        Require(repo);
        CommitInfo? found;
        if (commit is "" or "master" or "HEAD" or "head") found = Head(repo);
        else if (commit.StartsWith('^') && int.TryParse(commit[1..], CultureInfo.InvariantCulture, out var back))
            found = Commits("WHERE repo = $r ORDER BY seq DESC LIMIT 1 OFFSET $o", ("$r", repo), ("$o", back)).FirstOrDefault();
        else
        {
            var matches = Commits("WHERE repo = $r AND substr(id, 1, length($p)) = $p", ("$r", repo), ("$p", commit));
            if (matches.Count > 1) throw new UsageException($"commit '{commit}' in {repo} is ambiguous; give more of its id");
            found = matches.FirstOrDefault();
        }
        return found ?? throw new UsageException(commit.Length == 0 ? $"repo {repo} has no commits yet" : $"no commit '{commit}' in repo {repo}");
    }

    public List<RepoFile> Files(string commitId) =>
        db.Query("SELECT path, object, size FROM files WHERE commit_id = $c ORDER BY path",
            r => new RepoFile(r.GetString(0), r.GetString(1), r.GetInt64(2)), ("$c", commitId));

    /// <summary>A new commit: the head's files, then <paramref name="changes"/> applied in order (an object of null
    /// deletes the path and everything under it). Returns null when nothing would change.</summary>
    public CommitInfo? Commit(string repo, IEnumerable<FileChange> changes, string? description, string? job = null, bool allowEmpty = false)
    {
        CommitInfo? created = null;
        db.InTransaction(() =>
        {
            var parent = Head(repo);
            var id = InsertCommit(repo, parent, job, description);
            if (parent is not null)
                db.Execute("INSERT INTO files(commit_id, path, object, size) SELECT $i, path, object, size FROM files WHERE commit_id = $p", ("$i", id), ("$p", parent.Id));
            var changed = 0;
            using var upsert = db.Prepare("INSERT INTO files(commit_id, path, object, size) VALUES($i, $path, $o, $s) ON CONFLICT(commit_id, path) DO UPDATE SET object = excluded.object, size = excluded.size WHERE object != excluded.object", "$i", "$path", "$o", "$s");
            using var remove = db.Prepare("DELETE FROM files WHERE commit_id = $i AND (path = $path OR substr(path, 1, length($path) + 1) = $path || '/')", "$i", "$path");
            foreach (var change in changes)
            {
                var command = change.Object is null ? remove : upsert;
                command.Parameters["$i"].Value = id;
                command.Parameters["$path"].Value = change.Path;
                if (change.Object is not null)
                {
                    command.Parameters["$o"].Value = change.Object;
                    command.Parameters["$s"].Value = change.Size;
                }
                changed += command.ExecuteNonQuery();
            }
            if (changed == 0 && !allowEmpty && parent is not null)
            {
                db.Execute("DELETE FROM commits WHERE id = $i", ("$i", id));
                return;
            }
            created = Find(id);
            CrashPoint.Reach("commit");
        });
        return created;
    }

    /// <summary>Adds an empty commit on top of <paramref name="parent"/> (call inside a transaction); returns its id.</summary>
    internal string InsertCommit(string repo, CommitInfo? parent, string? job, string? description)
    {
        var id = Guid.NewGuid().ToString("N");
        db.Execute("INSERT INTO commits(id, repo, seq, parent, created, job, description) VALUES($i, $r, $s, $p, $c, $j, $d)",
            ("$i", id), ("$r", repo), ("$s", (parent?.Seq ?? 0) + 1), ("$p", parent?.Id), ("$c", Now()), ("$j", job), ("$d", description));
        return id;
    }

    public sealed record Difference(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed);

    public Difference Diff(string? fromCommit, string toCommit)
    {
        var from = fromCommit is null ? [] : Files(fromCommit).ToDictionary(f => f.Path, f => f.Object, StringComparer.Ordinal);
        var to = Files(toCommit).ToDictionary(f => f.Path, f => f.Object, StringComparer.Ordinal);
        return new Difference(
            to.Keys.Where(p => !from.ContainsKey(p)).Order(StringComparer.Ordinal).ToList(),
            from.Keys.Where(p => !to.ContainsKey(p)).Order(StringComparer.Ordinal).ToList(),
            to.Where(p => from.TryGetValue(p.Key, out var o) && o != p.Value).Select(p => p.Key).Order(StringComparer.Ordinal).ToList());
    }

    private List<CommitInfo> Commits(string where, params (string, object?)[] parameters) =>
        db.Query($"SELECT id, repo, seq, parent, created, job, description FROM commits {where}",
            r => new CommitInfo(r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3),
                DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)),
            parameters);

    internal static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
