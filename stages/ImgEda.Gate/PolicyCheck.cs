using System.Text.Json.Nodes;

namespace ImgEda.Gate;

/// <summary>One line of verdict.json: what was measured, the limit, and whether it passed.</summary>
public sealed record PolicyCheck(string Name, JsonNode? Value, JsonNode? Limit, bool Passed);
