namespace ImgEda.Annotations;

/// <summary>annotations.json: the dataset's annotation format (null when it has none the step reads), its classes,
/// how boxes spread over images and how large they are relative to their image, and every problem found.
/// Unlabelled images are those with no box (no annotation, an empty label file, a COCO image with no annotation);
/// invalid boxes are those outside their image, of no area or of an unknown class.</summary>
public sealed record AnnotationsReport
{
    public string? Format { get; init; }
    public IReadOnlyList<string> OtherFormats { get; init; } = [];
    public required string Input { get; init; }
    public int AnnotationFiles { get; init; }
    public int Images { get; init; }
    public int LabelledImages { get; init; }
    public int UnlabelledImages { get; init; }
    public double UnlabelledPct { get; init; }
    public int Boxes { get; init; }
    public int InvalidBoxes { get; init; }
    public double InvalidBoxPct { get; init; }
    public IReadOnlyList<ClassCount> Classes { get; init; } = [];
    public Distribution? BoxesPerImage { get; init; }
    public Distribution? BoxWidth { get; init; }
    public Distribution? BoxHeight { get; init; }
    public Distribution? BoxArea { get; init; }
    public Distribution? BoxAspect { get; init; }
    public IReadOnlyDictionary<string, int> ProblemCounts { get; init; } = new SortedDictionary<string, int>();
    public IReadOnlyList<Problem> Problems { get; init; } = [];
}

/// <param name="Declared">The dataset declares the class (data.yaml, COCO categories, VOC class lists); an
/// undeclared class is one the boxes use anyway.</param>
public sealed record ClassCount(int? Id, string Name, bool Declared, int Images, int Boxes);
