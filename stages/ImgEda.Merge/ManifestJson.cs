using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ImgEda.Merge;

/// <summary>A line of manifest.jsonl (the meta line and each image's record): compact, default options, generated at
/// build time so merge needs no reflection (Native AOT).</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ManifestJson : JsonSerializerContext;
