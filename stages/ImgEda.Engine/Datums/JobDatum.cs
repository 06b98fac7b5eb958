namespace ImgEda.Engine.Datums;

/// <summary>What one input contributes to a datum: the path the glob matched and the files at or under it.</summary>
public sealed record DatumPart(string Input, string Repo, string MatchedPath, IReadOnlyList<RepoFile> Files);

/// <summary>A unit of work: one part per input (several under a cross). <see cref="Hash"/> covers the transform and
/// every file's path and content, so equal hashes mean equal outputs.</summary>
public sealed record JobDatum(string Hash, IReadOnlyList<DatumPart> Parts)
{
    /// <summary>How people name it: input:path, joined for a cross.</summary>
    public string Id => string.Join(" x ", Parts.Select(p => $"{p.Input}:{p.MatchedPath}"));

    /// <summary>One input, one file, and the glob matched that file (not a folder): what a batch can hold.</summary>
    public bool IsSingleFile => Parts is [{ Files: [var file] } part] && part.MatchedPath == "/" + file.Path;
}
