using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ImgEda.Merge;

/// <summary>merge's indented reports: duplicates.json, leakage.json, and summary.json and diff.json (built as JSON
/// objects, whose keys the naming policy leaves as they are).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DuplicateReport))]
[JsonSerializable(typeof(LeakageReport))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class MergeJson : JsonSerializerContext;
