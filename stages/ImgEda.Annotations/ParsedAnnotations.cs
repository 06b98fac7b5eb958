namespace ImgEda.Annotations;

/// <summary>What a format's reader found: the classes the dataset declares (in order), every box, the images an
/// annotation speaks of (even with no box: a COCO image with no annotation, an empty YOLO file), and the problems only
/// the reader can see (malformed lines, unknown classes, labels without an image). The checks common to every format
/// (bounds, area, duplicates, images without labels) are <see cref="AnnotationChecks"/>'.</summary>
public sealed class ParsedAnnotations
{
    public List<DeclaredClass> Classes { get; } = [];
    public List<Box> Boxes { get; } = [];
    /// <summary>Image path → the annotation file that speaks of it.</summary>
    public Dictionary<string, string> LabelledImages { get; } = new(StringComparer.Ordinal);
    public List<Problem> Problems { get; } = [];
    public int AnnotationFiles { get; set; }

    /// <summary>Another part's findings added to these (readers parse files side by side, then fold them in order).
    /// </summary>
    public void Add(ParsedAnnotations part)
    {
        Boxes.AddRange(part.Boxes);
        foreach (var (image, file) in part.LabelledImages) LabelledImages.TryAdd(image, file);
        Problems.AddRange(part.Problems);
        AnnotationFiles += part.AnnotationFiles;
    }
}

/// <summary>A class the dataset declares: its id where the format numbers classes (YOLO, COCO), and its name.</summary>
public sealed record DeclaredClass(int? Id, string Name);
