using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ImgEda.Annotations.Formats;

/// <summary>The class names of a YOLO dataset (Ultralytics' data.yaml): `names` as a list (ids 0, 1, ...) or as a
/// mapping of id to name. Only `names` is read, through YamlDotNet's representation model (no reflection, so Native
/// AOT compiles it without a warning).</summary>
public static class DataYaml
{
    private static readonly string[] Names = ["data.yaml", "data.yml", "dataset.yaml", "dataset.yml"];

    public static bool IsCandidate(string path) =>
        Names.Contains(Path.GetFileName(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>The declared classes; null with a problem when the file is no YAML mapping or its names are not a
    /// list or a mapping of integer ids; an empty list when it declares no names.</summary>
    public static List<DeclaredClass>? Read(string text, string file, List<Problem> problems)
    {
        var stream = new YamlStream();
        try
        {
            if (NestingDepth(text) > MaxDepth)
            {
                problems.Add(new Problem(ProblemKinds.MalformedFile, file, null, null,
                    $"nested more than {MaxDepth} levels deep"));
                return null;
            }
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            problems.Add(new Problem(ProblemKinds.MalformedFile, file, (int)e.Start.Line, null,
                $"not valid YAML: {e.Message}"));
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return [];
        if (!root.Children.TryGetValue(new YamlScalarNode("names"), out var names)) return [];
        switch (names)
        {
            case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                return [.. list.Children.Select((c, i) => new DeclaredClass(i, ((YamlScalarNode)c).Value ?? ""))];
            case YamlMappingNode map:
                var classes = new List<DeclaredClass>();
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode { Value: { } id }
                        && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                        && value is YamlScalarNode { Value: { } name })
                        classes.Add(new DeclaredClass(n, name));
                    else
                    {
                        problems.Add(new Problem(ProblemKinds.MalformedFile, file, (int)key.Start.Line, null,
                            "names: every key must be a class id (0, 1, ...) and every value a name"));
                        return null;
                    }
                }
                return [.. classes.OrderBy(c => c.Id)];
            default:
                problems.Add(new Problem(ProblemKinds.MalformedFile, file, (int)names.Start.Line, null,
                    "names must be a list of class names or a mapping of class id to name"));
                return null;
        }
    }

    // YamlDotNet builds the document recursively: a deep enough file would overflow the stack, so the depth is read
    // first from the parser's events (which it reads one by one).
    private const int MaxDepth = 32;

    private static int NestingDepth(string text)
    {
        var parser = new Parser(new StringReader(text));
        var (depth, deepest) = (0, 0);
        while (parser.MoveNext())
        {
            if (parser.Current is YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart) depth++;
            else if (parser.Current is YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd) depth--;
            deepest = Math.Max(deepest, depth);
            if (deepest > MaxDepth) break;
        }
        return deepest;
    }
}
