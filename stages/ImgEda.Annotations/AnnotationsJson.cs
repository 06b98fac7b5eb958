using System.Text.Json.Serialization;

namespace ImgEda.Annotations;

/// <summary>annotations.json (indented) and the lines of image_annotations.jsonl, generated at
/// build time so the step needs no reflection (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(AnnotationsReport))]
internal sealed partial class AnnotationsJson : JsonSerializerContext;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ImageAnnotationRecord))]
internal sealed partial class ImageRecordJson : JsonSerializerContext;
