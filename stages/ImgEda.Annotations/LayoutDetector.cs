namespace ImgEda.Annotations;

/// <summary>Which annotation layout a dataset has, from its paths alone: COCO (a .json under an annotations/ folder,
/// as instances_train2017.json, or a Roboflow-style *.coco.json), Pascal VOC (.xml under Annotations/), YOLO (.txt
/// under labels/, a data.yaml, or darknet's x.txt beside x.jpg). Where several are present the first of COCO, VOC,
/// YOLO is read and the others are named (a dataset converted from one to another often keeps both).</summary>
public static class LayoutDetector
{
    public sealed record Detected(AnnotationFormat? Format, IReadOnlyList<AnnotationFormat> Others);

    public static Detected Detect(DatasetListing listing)
    {
        var present = new List<AnnotationFormat>();
        if (listing.Files.Any(IsCocoFile)) present.Add(AnnotationFormat.Coco);
        if (listing.Files.Any(IsVocFile)) present.Add(AnnotationFormat.Voc);
        if (listing.Files.Any(f => IsYoloLabelFolderFile(f) || Formats.DataYaml.IsCandidate(f))
            || HasLabelBesideImage(listing))
            present.Add(AnnotationFormat.Yolo);
        return new Detected(present.Count == 0 ? null : present[0], present.Skip(1).ToList());
    }

    /// <summary>Darknet's layout: x.txt beside x.jpg.</summary>
    private static bool HasLabelBesideImage(DatasetListing listing)
    {
        var stems = listing.Images.Select(Stem).ToHashSet(StringComparer.Ordinal);
        return listing.Files.Any(f =>
            f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) && stems.Contains(Stem(f)));
    }

    internal static string Stem(string path) =>
        path.LastIndexOf('.') is var dot && dot > path.LastIndexOf('/') ? path[..dot] : path;

    public static bool IsCocoFile(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        && (DatasetListing.IsUnder(path, "annotations")
            || path.EndsWith(".coco.json", StringComparison.OrdinalIgnoreCase));

    public static bool IsVocFile(string path) =>
        path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && DatasetListing.IsUnder(path, "annotations");

    public static bool IsYoloLabelFolderFile(string path) =>
        path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) && DatasetListing.IsUnder(path, "labels");
}
