using System.Globalization;

namespace ImgEda.Merge;

/// <summary>One image's pHash and the variants hash records for it: the pHash of its mirror image and of windows
/// inside it (hash's phash_mirror and phash_crops). Another image is a near duplicate when its pHash is close to this
/// pHash, a mirrored copy when close to <see cref="Mirror"/>, a cropped copy when close to one of <see cref="Crops"/>.
/// </summary>
public sealed record PhashVariants(ulong Phash, ulong? Mirror, ulong[] Crops)
{
    /// <summary>The line's hashes; null when it has no usable pHash (undecodable) or a low-texture one (flat, smooth
    /// or symmetric images: their pHashes match almost anything). Variants that do not parse are left out: a record
    /// of an older hash without them is matched by its pHash alone.</summary>
    public static PhashVariants? Of(ManifestLine line)
    {
        if (line.Flag("is_low_texture") || Parse(line.Phash) is not { } phash) return null;
        var crops = line.PhashCrops?.Select(Parse).OfType<ulong>().ToArray() ?? [];
        return new PhashVariants(phash, Parse(line.PhashMirror), crops);
    }

    /// <summary>A 64-bit hash as hash writes it (16 hex digits), or null.</summary>
    public static ulong? Parse(string? text) =>
        text is { Length: 16 } && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture,
            out var value) ? value : null;
}
