using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImgEda.Core.Records;

/// <summary>The JSON shape of every record: snake_case, indented, nulls written (a missing fact is stated).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(AnalyzeRecord))]
[JsonSerializable(typeof(HashRecord))]
public sealed partial class RecordJson : JsonSerializerContext
{
    public static byte[] Serialize(AnalyzeRecord record) =>
        WithNewline(JsonSerializer.SerializeToUtf8Bytes(record, Default.AnalyzeRecord));
    public static byte[] Serialize(HashRecord record) =>
        WithNewline(JsonSerializer.SerializeToUtf8Bytes(record, Default.HashRecord));

    private static byte[] WithNewline(byte[] json) => [.. json, (byte)'\n'];
}
