namespace ImgEda.Engine.Datums;

/// <summary>A file in a commit: its path in the repo (no leading '/'), its object (sha256) and size.</summary>
public sealed record RepoFile(string Path, string Object, long Size);
