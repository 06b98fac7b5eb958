using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImgEda.Merge;

/// <summary>.imgeda/merge/index in merge's output: every file merge read as a record, by input and path, with the
/// image it is a record of (its key "input/path") or whether it could not be read. The next merge, handed this output
/// and what changed since (ChangedFiles), finds through it the images a changed file was or is a record of, reads
/// those images' records again and takes every other image's line from the previous manifest as it stands.</summary>
public static partial class RecordIndex
{
    public const string RelativePath = ".imgeda/merge/index";

    /// <summary>Changes whenever a manifest line could come out differently for the same records: an index of another
    /// format is not used (the next merge reads everything).</summary>
    private const string Format = "imgeda-merge-index 2";

    /// <param name="Key">The image the file is a record of; null when it is not a record.</param>
    /// <param name="Unreadable">The file could not be read or parsed as JSON (counted in the manifest's meta
    /// line).</param>
    public sealed record RecordFile(
        [property: JsonPropertyName("input")] string Input,
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("key")] string? Key,
        [property: JsonPropertyName("unreadable")] bool Unreadable);

    public sealed record Contents(
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("inputs")] IReadOnlyList<string> Inputs,
        [property: JsonPropertyName("files")] IReadOnlyList<RecordFile> Files);

    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonSerializable(typeof(Contents))]
    internal sealed partial class IndexJson : JsonSerializerContext;

    public static byte[] Write(IEnumerable<string> inputs, IEnumerable<RecordFile> files)
    {
        string[] sortedInputs = [.. inputs.Order(StringComparer.Ordinal)];
        RecordFile[] sortedFiles =
        [
            .. files
                .OrderBy(f => f.Input, StringComparer.Ordinal)
                .ThenBy(f => f.File, StringComparer.Ordinal),
        ];
        return JsonSerializer.SerializeToUtf8Bytes(new Contents(Format, sortedInputs, sortedFiles),
            IndexJson.Default.Contents);
    }

    /// <summary>The index in <paramref name="outputDir"/>; null when there is none, it is damaged or of another
    /// format.</summary>
    public static Contents? Read(string outputDir)
    {
        var path = Path.Combine(outputDir, RelativePath);
        if (!File.Exists(path)) return null;
        try
        {
            var contents = JsonSerializer.Deserialize(File.ReadAllBytes(path), IndexJson.Default.Contents);
            var wellFormed = contents is { Format: Format, Inputs: not null, Files: not null }
                && contents.Files.All(f => f is { Input: not null, File: not null });
            return wellFormed ? contents : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
