using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using ImgEda.Core.Records;
using ImgEda.Core.Running;

namespace ImgEda.Hash;

/// <summary>sha256 of the bytes, the three 64-bit perceptual hashes of the pixels, and the pHashes merge needs to find
/// mirrored and cropped copies.</summary>
public sealed class ImageHasher(ImageLoader loader) : IDatumProcessor
{
    /// <summary>A reduced decode above this long side changes no hash bit that matters and is several times
    /// faster.</summary>
    public const int DecodeMinLongSide = 512;

    public string Step => "hash";
    public string OptionsKey => $"max_pixels={loader.MaxPixels}";

    public DatumResult Process(Datum datum, ReadOnlySpan<byte> bytes, string sha256)
    {
        var record = Hash(datum, bytes, sha256);
        return new DatumResult([new DatumOutput(".json", RecordJson.Serialize(record))], record.Error);
    }

    public HashRecord Hash(Datum datum, ReadOnlySpan<byte> bytes, string sha256)
    {
        // As a viewer shows it: a shape that lives only in the alpha channel is hashed, not its hidden RGB.
        using var loaded = loader.LoadAsViewed(bytes, header => ImageLoader.ReduceFactorFor(header, DecodeMinLongSide));
        var record = new HashRecord
        {
            Path = datum.Path,
            Input = datum.Input,
            Sha256 = sha256,
            Error = loaded.Error,
            StepVersion = StepRunner.StepVersion,
        };
        if (loaded.Image is not { } image) return record;
        var gray64x64 = HashInput.Gray(image, 64, 64);
        var (phash, mirror, weakBits) = PerceptualHash.ComputeWithMirror(gray64x64);
        return record with
        {
            Ahash = HashInput.Hex(AverageHash.Compute(image)),
            Dhash = HashInput.Hex(DifferenceHash.Compute(image)),
            Phash = HashInput.Hex(phash),
            PhashMirror = HashInput.Hex(mirror),
            PhashCrops = [.. CropHashes.Compute(gray64x64).Select(HashInput.Hex)],
            PhashWeakBits = weakBits,
            IsLowTexture = weakBits >= PerceptualHash.LowTextureWeakBits,
        };
    }
}
