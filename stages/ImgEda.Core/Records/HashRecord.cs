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
    /// <summary>The pHash of the horizontally mirrored image (from the same DCT: odd horizontal frequencies negated).
    /// </summary>
    public string? PhashMirror { get; init; }
    /// <summary>pHashes of six windows inside the image (centre at 95% and 90%, 95% moved 2% towards each corner), so
    /// that merge finds copies cropped by up to 5% per side.</summary>
    public IReadOnlyList<string>? PhashCrops { get; init; }
    /// <summary>pHash bits whose DCT coefficient lies within 8 of the median: bits a re-encode may flip.</summary>
    public int? PhashWeakBits { get; init; }
    /// <summary>Half or more of the pHash bits are weak (flat, smooth or symmetric images): near-duplicate search
    /// should not trust this pHash.</summary>
    public bool IsLowTexture { get; init; }
    public string? Error { get; init; }
    public required string StepVersion { get; init; }
}
