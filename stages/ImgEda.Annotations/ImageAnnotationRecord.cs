namespace ImgEda.Annotations;

/// <summary>One image's annotation facts as a record merge joins by (input, path) into the manifest line of that
/// image (merge joins any JSON object with "input" and "path"): out/&lt;input&gt;/&lt;path&gt;.json, as analyze's.
/// </summary>
public sealed record ImageAnnotationRecord(string Input, string Path, ImageAnnotationFacts Annotations);

/// <param name="Labelled">An annotation (file or entry) speaks of the image, even with no box.</param>
/// <param name="Classes">The classes of its boxes, each once, in name order.</param>
public sealed record ImageAnnotationFacts(bool Labelled, int Boxes, int InvalidBoxes, IReadOnlyList<string> Classes);
