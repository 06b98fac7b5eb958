using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImgEda.Merge;

/// <summary>One image, joined over every input's record for it: the key is (input, path) as the records state them.
/// merge builds entries as JsonObjects (it joins and edits them); an entry read back from a manifest is only read, so
/// it keeps the parsed line and looks fields up there: a JsonObject builds a dictionary per object on first lookup,
/// which for 10,000 entries cost plot more than drawing its charts.</summary>
public sealed class ImageEntry
{
    private readonly JsonElement _line;
    private JsonObject? _fields;

    public ImageEntry(string input, string path, JsonObject fields) => (Input, Path, _fields) = (input, path, fields);

    private ImageEntry(string input, string path, JsonElement line) => (Input, Path, _line) = (input, path, line);

    /// <summary>A manifest line's entry, or null when the line is not a record (the meta line, say).</summary>
    public static ImageEntry? FromLine(JsonElement line) =>
        line.ValueKind == JsonValueKind.Object && !line.TryGetProperty(ManifestWriter.MetaKey, out _)
        && line.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.String
        && line.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.String
            ? new ImageEntry(input.GetString()!, path.GetString()!, line)
            : null;

    public string Input { get; }
    public string Path { get; }
    public string Key => $"{Input}/{Path}";

    /// <summary>The fields as a JsonObject (made from the line on first use for an entry read back).</summary>
    public JsonObject Fields => _fields ??= JsonObject.Create(_line)!;

    public string? Text(string field, string? nested = null) =>
        _fields is not null ? Value(field, nested) is { } v && v.TryGetValue<string>(out var s) ? s : null
        : Element(field, nested) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    public double? Number(string field, string? nested = null) =>
        _fields is not null ? Value(field, nested) is { } v && v.TryGetValue<double>(out var d) ? d : null
        : Element(field, nested) is { ValueKind: JsonValueKind.Number } e && e.TryGetDouble(out var n) ? n : null;

    public bool Flag(string field) =>
        _fields is not null ? Value(field, null) is { } v && v.TryGetValue<bool>(out var b) && b
        : Element(field, null) is { ValueKind: JsonValueKind.True };

    public bool IsObject(string field) =>
        _fields is not null ? _fields[field] is JsonObject : Element(field, null) is { ValueKind: JsonValueKind.Object };

    /// <summary>The field's value as JSON text, or null when it is missing or null.</summary>
    public string? Json(string field) =>
        _fields is not null ? _fields[field]?.ToJsonString()
        : Element(field, null) is { ValueKind: not JsonValueKind.Null } e ? e.GetRawText() : null;

    /// <summary>A copy of the field's value (to put into other JSON), or null.</summary>
    public JsonNode? Node(string field, string? nested = null) =>
        _fields is not null ? Lookup(field, nested)?.DeepClone()
        : Element(field, nested) is { ValueKind: not JsonValueKind.Null } e ? JsonSerializer.SerializeToNode(e) : null;

    private JsonNode? Lookup(string field, string? nested) => nested is null ? _fields![field] : (_fields![field] as JsonObject)?[nested];

    private JsonValue? Value(string field, string? nested) => Lookup(field, nested) as JsonValue;

    private JsonElement? Element(string field, string? nested)
    {
        if (!_line.TryGetProperty(field, out var value)) return null;
        if (nested is null) return value;
        return value.ValueKind == JsonValueKind.Object && value.TryGetProperty(nested, out var inner) ? inner : null;
    }
}
