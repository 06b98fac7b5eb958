namespace ImgEda.Annotations;

/// <summary>Which annotation layout a dataset has, from its paths alone: COCO (a .json under an annotations/ folder,
/// as instances_train2017.json, or a Roboflow-style *.coco.json), Pascal VOC (.xml under Annotations/), YOLO (.txt
/// under labels/, or a data.yaml naming classes). Where several are present the first of COCO, VOC, YOLO is read and
/// the others are named (a dataset converted from one to another often keeps both).</summary>
public static class LayoutDetector
{
    public sealed record Detected(AnnotationFormat? Format, IReadOnlyList<AnnotationFormat> Others);

    public static Detected Detect(DatasetListing listing)
    {
        var present = new List<AnnotationFormat>();
        if (listing.Files.Any(IsCocoFile)) present.Add(AnnotationFormat.Coco);
        if (listing.Files.Any(IsVocFile)) present.Add(AnnotationFormat.Voc);
        if (listing.Files.Any(f => IsYoloLabelFolderFile(f) || Formats.DataYaml.IsCandidate(f))) present.Add(AnnotationFormat.Yolo);
        return new Detected(present.Count == 0 ? null : present[0], present.Skip(1).ToList());
    }

    public static bool IsCocoFile(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        && (DatasetListing.IsUnder(path, "annotations") || path.EndsWith(".coco.json", StringComparison.OrdinalIgnoreCase));

    public static bool IsVocFile(string path) =>
        path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && DatasetListing.IsUnder(path, "annotations");

    public static bool IsYoloLabelFolderFile(string path) =>
        path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) && DatasetListing.IsUnder(path, "labels");
}
