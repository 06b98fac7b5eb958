using System.Text.Json.Nodes;

namespace ImgEda.Merge;

/// <summary>One image, joined over every input's record for it: the key is (input, path) as the records state them.</summary>
public sealed record ImageEntry(string Input, string Path, JsonObject Fields)
{
    public string Key => $"{Input}/{Path}";

    public string? Text(string field) => Fields[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    public double? Number(string field) => Fields[field] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
    public bool Flag(string field) => Fields[field] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
