using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImgEda.Core;
using ImgEda.Core.Running;

namespace ImgEda.Engine.Specs;

/// <summary>A Pachyderm pipeline spec (pps v2, camelCase JSON), the parts the local engine runs.</summary>
public sealed partial record PipelineSpec(
    string Name,
    string? Image,
    IReadOnlyList<string> Cmd,
    IReadOnlyDictionary<string, string> Env,
    PipelineInput Input,
    int DatumTries,
    bool BatchDatums,
    bool Incremental,
    string Json)
{
    /// <summary>The annotation that says the step takes many single-file datums in one run and names each datum's
    /// outputs in its ledger (out/.imgeda/&lt;step&gt;/&lt;input&gt;/&lt;path&gt;.json), as the imgeda steps do.</summary>
    public const string BatchAnnotation = "imgeda.io/batch-datums";

    /// <summary>The annotation that says the step, run as one datum over whole repos, can take its previous output and the
    /// list of files changed since (ChangedFiles: IMGEDA_PREVIOUS, IMGEDA_CHANGED) and read only those, as merge does.</summary>
    public const string IncrementalAnnotation = "imgeda.io/incremental";

    /// <summary>Pachyderm's default number of tries for a datum.</summary>
    public const int DefaultDatumTries = 3;

    private static readonly string[] Unsupported = ["join", "cron"];

    /// <summary>What decides a datum's outputs besides its files: the image, command, environment and salt. A change
    /// here reprocesses every datum; anything else in the spec (resources, description) does not.</summary>
    public string TransformKey { get; private init; } = "";

    public static PipelineSpec Parse(string json, string source)
    {
        JsonNode root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                ?? throw new UsageException($"{source}: empty pipeline spec");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{source}: not valid JSON ({e.Message})");
        }
        var name = root["pipeline"]?["name"]?.GetValue<string>() ?? throw new UsageException($"{source}: pipeline.name is missing");
        if (!NamePattern().IsMatch(name)) throw new UsageException($"{source}: pipeline name '{name}' may only hold letters, digits, '_' and '-'");
        var transform = root["transform"] ?? throw new UsageException($"{source}: transform is missing");
        var cmd = transform["cmd"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
        if (cmd.Count == 0) throw new UsageException($"{source}: transform.cmd is missing or empty");
        var env = transform["env"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal) ?? [];
        var input = ParseInput(root["input"] ?? throw new UsageException($"{source}: input is missing"), source);
        var names = input.Leaves().Select(l => l.Name).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            throw new UsageException($"{source}: two inputs are named the same ({string.Join(", ", names)}); give each pfs input its own name");
        if (names.Contains("out")) throw new UsageException($"{source}: an input cannot be named 'out' (that is where the output goes)");
        var tries = root["datumTries"]?.GetValue<int>() ?? DefaultDatumTries;
        if (tries < 1) throw new UsageException($"{source}: datumTries must be at least 1");
        var batch = root["metadata"]?["annotations"]?[BatchAnnotation]?.GetValue<string>() == "true";
        var incremental = root["metadata"]?["annotations"]?[IncrementalAnnotation]?.GetValue<string>() == "true";
        var image = transform["image"]?.GetValue<string>();
        var key = new JsonObject
        {
            ["image"] = image,
            ["cmd"] = new JsonArray(cmd.Select(c => (JsonNode)c).ToArray()),
            ["env"] = new JsonObject(env.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["stdin"] = transform["stdin"]?.DeepClone(),
            ["salt"] = root["salt"]?.DeepClone(),
        };
        // Our steps' stored results go stale when what they compute changes, though image and command do not.
        if (StepAlgorithmVersions.StepOf(cmd) is { } step) key["algorithm"] = $"{step}/{StepAlgorithmVersions.Of(step)}";
        return new PipelineSpec(name, image, cmd, env, input, tries, batch, incremental, json)
        {
            TransformKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToJsonString()))),
        };
    }

    private static PipelineInput ParseInput(JsonNode node, string source)
    {
        if (node["pfs"] is { } pfs)
        {
            var repo = pfs["repo"]?.GetValue<string>() ?? throw new UsageException($"{source}: a pfs input has no repo");
            var glob = pfs["glob"]?.GetValue<string>() ?? throw new UsageException($"{source}: the pfs input on {repo} has no glob");
            try
            {
                return new PfsInput(pfs["name"]?.GetValue<string>() ?? repo, repo, new GlobPattern(glob),
                    pfs["groupBy"]?.GetValue<string>());
            }
            catch (FormatException e)
            {
                throw new UsageException($"{source}: {e.Message}");
            }
        }
        if (node["cross"] is JsonArray cross) return new CrossInput(cross.Select(n => ParseInput(n!, source)).ToList());
        if (node["union"] is JsonArray union) return new UnionInput(union.Select(n => ParseInput(n!, source)).ToList());
        if (node["group"] is JsonArray group)
            return new GroupInput(group.Select(n => ParseGroupMember(n!, source)).ToList());
        var kind = Unsupported.FirstOrDefault(k => node[k] is not null);
        throw new UsageException(kind is null
            ? $"{source}: an input must be pfs, cross, union or group"
            : $"{source}: '{kind}' inputs are not supported by the local engine (pfs, cross, union and group are); " +
              "run this pipeline on Pachyderm");
    }

    private static PfsInput ParseGroupMember(JsonNode node, string source)
    {
        if (ParseInput(node, source) is not PfsInput { GroupBy: { Length: > 0 } key } pfs)
            throw new UsageException($"{source}: every input of a group must be a pfs input with a groupBy");
        if (key.Contains('$'))
            throw new UsageException($"{source}: groupBy '{key}' uses the glob's capture groups, which the local " +
                                     "engine does not substitute; use a constant key or run this pipeline on " +
                                     "Pachyderm");
        return pfs;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();
}
