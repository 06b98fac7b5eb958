using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ImgEda.Gate;

/// <summary>verdict.json, built as a JSON object and written indented; generated at build time so gate needs no
/// reflection (Native AOT).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class VerdictJson : JsonSerializerContext;
