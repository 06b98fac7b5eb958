using ImgEda.Core.Imaging;

namespace ImgEda.Core.Pfs;

/// <summary>A file that lives beside the images of a dataset repo but is not one: labels (YOLO .txt, Pascal VOC .xml,
/// COCO .json), dataset descriptions (data.yaml), split lists and tables. Pachyderm's per-image glob makes each a datum
/// too; recording them as corrupt images would fail every labelled dataset's max_corrupt_pct, so the per-image steps
/// skip them (the annotations step reads them). Only the extension AND the content together decide: an image saved
/// under a .txt name is still an image (its magic bytes say so), and random bytes named .jpg are still a bad image.
/// </summary>
public static class DatasetSidecar
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".xml", ".json", ".jsonl", ".yaml", ".yml", ".csv", ".tsv", ".names", ".md", ".cfg",
    };

    public static bool Is(string path, ReadOnlySpan<byte> content) =>
        Extensions.Contains(Path.GetExtension(path)) && ImageProbe.Sniff(content) == ImageFormat.Unknown;
}
