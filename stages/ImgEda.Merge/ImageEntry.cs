using System.Text.Json.Nodes;

namespace ImgEda.Merge;

/// <summary>One image while merge joins it: every input's record for it folded into one JsonObject, keyed by (input,
/// path) as the records state them. Once joined it is written as a <see cref="ManifestLine"/> and read only
/// there.</summary>
public sealed record ImageEntry(string Input, string Path, JsonObject Fields)
{
    public string Key => $"{Input}/{Path}";
}
