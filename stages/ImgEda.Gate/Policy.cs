using System.Globalization;
using ImgEda.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ImgEda.Gate;

/// <summary>The dataset policy (policy.yaml, DESIGN.md §4). A limit left out keeps its default; null disables a
/// check.</summary>
public sealed record Policy
{
    public double? MinImagesTotal { get; init; } = 1;
    public double? MaxCorruptPct { get; init; } = 5;
    public double? MaxDuplicatePct { get; init; } = 10;
    public double? MaxDarkPct { get; init; } = 20;
    public double? MaxOverexposedPct { get; init; } = 20;
    public double? MaxBlurryPct { get; init; } = 20;
    public double? MaxArtifactPct { get; init; } = 20;
    public double? MinWidth { get; init; }
    public double? MinHeight { get; init; }
    public IReadOnlyList<string>? AllowedFormats { get; init; }
    public double? MaxAspectRatio { get; init; }
    /// <summary>Label limits, checked only when the dataset has annotations (AnnotationGate).</summary>
    public double? MaxUnlabelledPct { get; init; } = 10;
    public double? MaxInvalidBoxPct { get; init; } = 1;
    /// <summary>Images in a duplicate group that spans splits (a test image also in train), as a percentage of all
    /// images: by default none may leak.</summary>
    public double? MaxLeakagePct { get; init; } = 0;

    public static readonly string[] Keys =
    [
        "min_images_total", "max_corrupt_pct", "max_duplicate_pct", "max_dark_pct", "max_overexposed_pct",
        "max_blurry_pct", "max_artifact_pct", "min_width", "min_height", "allowed_formats", "max_aspect_ratio",
        "max_leakage_pct", "max_unlabelled_pct", "max_invalid_box_pct",
    ];

    /// <summary>Reads a policy; any unknown key, wrong type or impossible value is a UsageException naming the
    /// key.</summary>
    public static Policy Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            RefuseDeepNesting(yaml, source);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new UsageException($"{source}: not valid YAML ({e.Message})");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return new Policy();
        if (stream.Documents[0].RootNode is not YamlMappingNode map)
            throw new UsageException($"{source}: expected a mapping of policy keys, like 'max_corrupt_pct: 5'");

        var policy = new Policy();
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: var name })
                throw new UsageException(
                    $"{source}: a key must be a plain name like max_corrupt_pct, got a {Describe(keyNode)}");
            var key = name ?? "";
            policy = key switch
            {
                "min_images_total" => policy with { MinImagesTotal = Number(key, value, 0, double.MaxValue, source) },
                "max_corrupt_pct" => policy with { MaxCorruptPct = Percent(key, value, source) },
                "max_duplicate_pct" => policy with { MaxDuplicatePct = Percent(key, value, source) },
                "max_dark_pct" => policy with { MaxDarkPct = Percent(key, value, source) },
                "max_overexposed_pct" => policy with { MaxOverexposedPct = Percent(key, value, source) },
                "max_blurry_pct" => policy with { MaxBlurryPct = Percent(key, value, source) },
                "max_artifact_pct" => policy with { MaxArtifactPct = Percent(key, value, source) },
                "min_width" => policy with { MinWidth = Number(key, value, 1, int.MaxValue, source) },
                "min_height" => policy with { MinHeight = Number(key, value, 1, int.MaxValue, source) },
                "max_aspect_ratio" => policy with { MaxAspectRatio = Number(key, value, 1, double.MaxValue, source) },
                "allowed_formats" => policy with { AllowedFormats = Formats(key, value, source) },
                "max_unlabelled_pct" => policy with { MaxUnlabelledPct = Percent(key, value, source) },
                "max_invalid_box_pct" => policy with { MaxInvalidBoxPct = Percent(key, value, source) },
                "max_leakage_pct" => policy with { MaxLeakagePct = Percent(key, value, source) },
                _ => throw new UsageException($"{source}: unknown key '{key}'; the keys are {string.Join(", ", Keys)}"),
            };
        }
        return policy;
    }

    /// <summary>A policy is a flat mapping: anything nested deeper than <see cref="MaxDepth"/> is refused before the
    /// document is built (YamlDotNet builds it recursively, and a deep enough file overflows the stack). The parser
    /// itself reads events one by one, without recursion.</summary>
    private static void RefuseDeepNesting(string yaml, string source)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            if (parser.Current is YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart) depth++;
            else if (parser.Current is YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd) depth--;
            if (depth > MaxDepth)
                throw new UsageException($"{source}: nested more than {MaxDepth} levels deep; a policy is a flat list");
        }
    }

    private const int MaxDepth = 16;

    private static double? Percent(string key, YamlNode node, string source) => Number(key, node, 0, 100, source);

    private static double? Number(string key, YamlNode node, double min, double max, string source)
    {
        if (node is YamlScalarNode { Value: null or "" or "null" or "~" }) return null;
        if (node is not YamlScalarNode { Value: { } text }
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new UsageException($"{source}: {key} must be a number, got '{Describe(node)}'");
        if (value < min || value > max || !double.IsFinite(value))
        {
            var upperBound = max == double.MaxValue ? "any larger value" : max.ToString(CultureInfo.InvariantCulture);
            throw new UsageException($"{source}: {key} must be between {min} and {upperBound}, got {text}");
        }
        return value;
    }

    private static IReadOnlyList<string>? Formats(string key, YamlNode node, string source)
    {
        if (node is YamlScalarNode { Value: null or "" or "null" or "~" }) return null;
        if (node is not YamlSequenceNode list || list.Children.Any(c => c is not YamlScalarNode { Value.Length: > 0 }))
            throw new UsageException($"{source}: {key} must be a list of format names, like [jpeg, png], " +
                                     $"got '{Describe(node)}'");
        return list.Children.Select(c => ((YamlScalarNode)c).Value!.ToLowerInvariant()).ToList();
    }

    private static string Describe(YamlNode node) =>
        node is YamlScalarNode s ? s.Value ?? "" : node.NodeType.ToString().ToLowerInvariant();
}
