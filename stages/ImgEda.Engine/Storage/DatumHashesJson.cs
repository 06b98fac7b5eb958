using System.Text.Json.Serialization;

namespace ImgEda.Engine.Storage;

/// <summary>A list of datum hashes as a JSON array, handed to SQLite's json_each; generated at build time so the
/// engine needs no reflection (Native AOT). Default options: compact.</summary>
[JsonSerializable(typeof(IEnumerable<string>), TypeInfoPropertyName = "Hashes")]
internal sealed partial class DatumHashesJson : JsonSerializerContext;
