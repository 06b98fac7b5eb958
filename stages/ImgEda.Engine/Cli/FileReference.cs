using ImgEda.Engine.Datums;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Cli;

/// <summary>REPO[@COMMIT][:PATH], as pachctl writes it.</summary>
public static class FileReference
{
    public static (CommitInfo Commit, string Path) Resolve(RepoCatalog repos, string reference)
    {
        var colon = reference.IndexOf(':');
        var commit = CommitReference.Resolve(repos, colon < 0 ? reference : reference[..colon]);
        return (commit, colon < 0 ? "" : reference[(colon + 1)..].Trim('/'));
    }

    /// <summary>The file at <paramref name="path"/>, or the files under it as a folder ("" is everything).</summary>
    public static IEnumerable<RepoFile> Under(IEnumerable<RepoFile> files, string path) =>
        path.Length == 0
            ? files
            : files.Where(f => f.Path == path || f.Path.StartsWith(path + "/", StringComparison.Ordinal));
}
