using System.Text.Json.Serialization;

namespace ImgEda.Core.Running;

/// <summary>The JSON of <see cref="ChangedFiles"/> ({"input": ["path", ...]}), generated at build time so the engine
/// and merge write and read it without reflection (Native AOT). Default options: compact, names as they are.</summary>
[JsonSerializable(typeof(Dictionary<string, string[]>), TypeInfoPropertyName = "ByInputRead")]
[JsonSerializable(typeof(IReadOnlyDictionary<string, IReadOnlyList<string>>), TypeInfoPropertyName = "ByInputWritten")]
internal sealed partial class ChangedFilesJson : JsonSerializerContext;
