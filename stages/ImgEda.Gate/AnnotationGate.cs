using System.Text.Json;
using System.Text.Json.Nodes;
using ImgEda.Core;

namespace ImgEda.Gate;

/// <summary>Checks the annotations step's annotations.json (merge passes it through beside summary.json) against the
/// policy's label limits. A dataset with no annotations ("format": null) has no label to check: no check is added.
/// </summary>
public static class AnnotationGate
{
    public const string FileName = "annotations.json";

    /// <summary>The annotations.json in merge's <paramref name="folder"/>; null when there is none.</summary>
    public static JsonObject? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject
                ?? throw new UsageException($"{path} is not a JSON object: rerun imgeda-annotations");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not JSON ({e.Message}): rerun imgeda-annotations");
        }
    }

    public static IReadOnlyList<PolicyCheck> Check(JsonObject? annotations, Policy policy)
    {
        if (annotations?["format"] is null) return [];
        var checks = new List<PolicyCheck>();
        void AtMost(string name, double? limit, double? value)
        {
            if (limit is { } l) checks.Add(new(name, value, l, value is null || value <= l));
        }
        AtMost("max_unlabelled_pct", policy.MaxUnlabelledPct, (double?)annotations["unlabelled_pct"]);
        AtMost("max_invalid_box_pct", policy.MaxInvalidBoxPct, (double?)annotations["invalid_box_pct"]);
        return checks;
    }
}
