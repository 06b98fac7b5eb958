namespace ImgEda.Core.Records;

/// <summary>hash's record for one image: 64-bit hashes as 16 lower-case hex digits, null when undecodable.</summary>
public sealed record HashRecord
{
    public required string Path { get; init; }
    public required string Input { get; init; }
    public required string Sha256 { get; init; }
    public string? Ahash { get; init; }
    public string? Dhash { get; init; }
    public string? Phash { get; init; }
    public string? Error { get; init; }
    public required string StepVersion { get; init; }
}
