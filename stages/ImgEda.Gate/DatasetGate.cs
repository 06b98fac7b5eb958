using System.Text.Json.Nodes;

namespace ImgEda.Gate;

/// <summary>Checks merge's summary.json against a policy.</summary>
public static class DatasetGate
{
    public static IReadOnlyList<PolicyCheck> Check(JsonObject summary, Policy policy)
    {
        var checks = new List<PolicyCheck>();
        void AtMost(string name, double? limit, double? value)
        {
            if (limit is { } l) checks.Add(new(name, value, l, value is null || value <= l));
        }
        void AtLeast(string name, double? limit, double? value)
        {
            if (limit is { } l) checks.Add(new(name, value, l, value is { } v && v >= l));
        }
        double? Pct(string flag) => (double?)summary["flags"]?[flag]?["pct"];

        AtLeast("min_images_total", policy.MinImagesTotal, (double?)summary["images_total"]);
        AtMost("max_corrupt_pct", policy.MaxCorruptPct, Pct("is_corrupt"));
        AtMost("max_duplicate_pct", policy.MaxDuplicatePct, (double?)summary["duplicates"]?["duplicate_pct"]);
        AtMost("max_dark_pct", policy.MaxDarkPct, Pct("is_dark"));
        AtMost("max_overexposed_pct", policy.MaxOverexposedPct, Pct("is_overexposed"));
        AtMost("max_blurry_pct", policy.MaxBlurryPct, Pct("is_blurry"));
        AtMost("max_artifact_pct", policy.MaxArtifactPct, Pct("has_border_artifact"));
        AtLeast("min_width", policy.MinWidth, (double?)summary["width"]?["min"]);
        AtLeast("min_height", policy.MinHeight, (double?)summary["height"]?["min"]);
        AtMost("max_aspect_ratio", policy.MaxAspectRatio, (double?)summary["max_aspect_ratio"]);
        // A summary from before splits were detected has no leakage: nothing measured, nothing failed.
        AtMost("max_leakage_pct", policy.MaxLeakagePct, (double?)summary["leakage"]?["leaked_pct"]);
        if (policy.AllowedFormats is { } allowed)
        {
            // "unknown" is a file that is no image at all: the corrupt check counts those.
            var present = (summary["formats"] as JsonObject)?
                .Select(p => p.Key)
                .Where(f => f != "unknown")
                .ToList() ?? [];
            var outside = present.Where(f => !allowed.Contains(f)).ToList();
            var outsideFormats = new JsonArray([.. outside.Select(f => (JsonNode)f)]);
            var allowedFormats = new JsonArray([.. allowed.Select(f => (JsonNode)f)]);
            checks.Add(new("allowed_formats", outsideFormats, allowedFormats, outside.Count == 0));
        }
        return checks;
    }
}
