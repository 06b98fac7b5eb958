namespace ImgEda.Annotations;

/// <summary>One image's annotation facts, a line of image_annotations.jsonl, which merge joins by (input, path) into
/// the manifest line of that image as its "annotations" field.</summary>
public sealed record ImageAnnotationRecord(string Input, string Path, ImageAnnotationFacts Annotations);

/// <param name="Labelled">An annotation (file or entry) speaks of the image, even with no box.</param>
/// <param name="Classes">The classes of its boxes, each once, in name order.</param>
public sealed record ImageAnnotationFacts(bool Labelled, int Boxes, int InvalidBoxes, IReadOnlyList<string> Classes);
