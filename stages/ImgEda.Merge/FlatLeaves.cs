using System.Text;
using System.Text.Json;
using ImgEda.Core.Records;

namespace ImgEda.Merge;

/// <summary>A manifest line's leaves as manifest.csv and manifest.parquet flatten it: a nested field is named with its
/// path ("exif.camera_make"), an array is one leaf (its JSON), in the order they are written. A record's object field
/// that is null (<see cref="RecordObjects"/>) is its fields, each null, so that its columns are the same whether or not
/// a line has it.</summary>
public static class FlatLeaves
{
    /// <param name="name">The leaf's dotted name (null unless names are asked for).</param>
    /// <param name="kind">String, Number, True, False, Null or StartArray.</param>
    /// <param name="text">Unless values are not asked for: a string's text (unescaped), a number or boolean as
    /// written, an array's JSON; null for JSON null.</param>
    public delegate void Leaf(string? name, JsonTokenType kind, string? text);

    public static void Visit(byte[] json, Leaf leaf, bool names, bool values)
    {
        var reader = new Utf8JsonReader(json);
        var prefixes = new Stack<string?>();
        string? name = null;
        // Where the last top-level field's name lies in the bytes: looked up only when its value is null.
        var (topName, topNameLength) = (0, 0);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                    (topName, topNameLength) = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                    if (names) name = reader.GetString();
                    break;
                case JsonTokenType.PropertyName:
                    if (names)
                        name = prefixes.Count == 0 ? reader.GetString()! : $"{prefixes.Peek()}.{reader.GetString()}";
                    break;
                case JsonTokenType.StartObject:
                    if (reader.CurrentDepth > 0) prefixes.Push(name);
                    break;
                case JsonTokenType.EndObject:
                    if (prefixes.Count > 0) prefixes.Pop();
                    break;
                case JsonTokenType.StartArray:
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    leaf(name, JsonTokenType.StartArray,
                        values ? Encoding.UTF8.GetString(json, start, (int)reader.BytesConsumed - start) : null);
                    break;
                case JsonTokenType.String:
                    leaf(name, JsonTokenType.String, values ? reader.GetString() : null);
                    break;
                case JsonTokenType.Null when reader.CurrentDepth == 1
                        && RecordObjects.Fields.TryGetValue(Encoding.UTF8.GetString(json, topName, topNameLength),
                            out var fields):
                    foreach (var field in fields) leaf(names ? $"{name}.{field}" : null, JsonTokenType.Null, null);
                    break;
                case JsonTokenType.Null:
                    leaf(name, JsonTokenType.Null, null);
                    break;
                default:
                    leaf(name, reader.TokenType, values ? Encoding.UTF8.GetString(reader.ValueSpan) : null);
                    break;
            }
        }
    }
}
