using System.Globalization;
using ImgEda.Core;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Cli;

/// <summary>A commit as pachctl names one: REPO (its head), REPO@master, REPO@ID or a prefix of it, REPO@^N (N commits
/// before the head).</summary>
public static class CommitReference
{
    public static CommitInfo Resolve(RepoCatalog repos, string reference)
    {
        var at = reference.IndexOf('@');
        var repo = at < 0 ? reference : reference[..at];
        var commit = at < 0 ? "" : reference[(at + 1)..];
        repos.Require(repo);
        return Find(repos, repo, commit) ?? throw new UsageException(
            commit.Length == 0 ? $"repo {repo} has no commits yet" : $"no commit '{commit}' in repo {repo}");
    }

    private static CommitInfo? Find(RepoCatalog repos, string repo, string commit)
    {
        if (commit is "" or "master" or "HEAD" or "head") return repos.Head(repo);
        if (commit.StartsWith('^')
            && int.TryParse(commit[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var back))
            return repos.Before(repo, back);
        var matches = repos.WithIdPrefix(repo, commit);
        if (matches.Count > 1)
            throw new UsageException($"commit '{commit}' in {repo} is ambiguous; give more of its id");
        return matches.FirstOrDefault();
    }
}
