using System.Text.Json.Serialization;

namespace ImgEda.Merge;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DuplicateReport))]
internal sealed partial class MergeJson : JsonSerializerContext;
