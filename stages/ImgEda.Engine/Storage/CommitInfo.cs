namespace ImgEda.Engine.Storage;

/// <summary>A commit: an immutable snapshot of a repo. <see cref="Job"/> is set on a pipeline's output
/// commits.</summary>
public sealed record CommitInfo(
    string Id,
    string Repo,
    long Seq,
    string? Parent,
    DateTimeOffset Created,
    string? Job,
    string? Description);
