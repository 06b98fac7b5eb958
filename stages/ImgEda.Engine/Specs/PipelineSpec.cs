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
    /// outputs in its ledger (out/.imgeda/&lt;step&gt;/&lt;input&gt;/&lt;path&gt;.json), as the imgeda steps
    /// do.</summary>
    public const string BatchAnnotation = "imgeda.io/batch-datums";

    /// <summary>The annotation that says the step, run as one datum over whole repos, can take its previous output and
    /// the list of files changed since (ChangedFiles: IMGEDA_PREVIOUS, IMGEDA_CHANGED) and read only those, as merge
    /// does.</summary>
    public const string IncrementalAnnotation = "imgeda.io/incremental";

    /// <summary>Pachyderm's default number of tries for a datum.</summary>
    public const int DefaultDatumTries = 3;

    private static readonly string[] Unsupported = ["join", "cron"];

    /// <summary>What decides a datum's outputs besides its files: the image, command, environment and salt. A change
    /// here reprocesses every datum; anything else in the spec (resources, description) does not.</summary>
    public string TransformKey { get; private init; } = "";

    public static PipelineSpec Parse(string json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
                AllowDuplicateProperties = false,
            });
        }
        catch (JsonException e)
        {
            throw new UsageException($"{source}: not valid JSON ({e.Message})");
        }
        if (SpecSchema.Problem(root) is { } problem) throw new UsageException($"{source}: {problem}");
        // The schema guarantees the types read below; what it allows but the engine cannot run is refused here.
        var name = root!["pipeline"]?["name"]?.GetValue<string>()
            ?? throw new UsageException($"{source}: pipeline.name is missing");
        if (!NamePattern().IsMatch(name))
            throw new UsageException($"{source}: pipeline.name '{name}' may only hold letters, digits, '_' and '-'");
        var transform = root["transform"] ?? throw new UsageException($"{source}: transform is missing");
        var cmd = Strings(transform["cmd"], $"{source}: transform.cmd");
        if (cmd.Count == 0) throw new UsageException($"{source}: transform.cmd is missing or empty");
        var stdin = Strings(transform["stdin"], $"{source}: transform.stdin");
        var env = transform["env"]?.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal) ?? [];
        foreach (var field in Unrunnable.Where(f => transform[f] is not null))
            throw new UsageException(
                $"{source}: transform.{field} is not supported by the local engine; run this pipeline on Pachyderm");
        var input = ParseInput(
            root["input"] ?? throw new UsageException($"{source}: input is missing"), source, "input");
        var names = input.Leaves().Select(l => l.Name).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            throw new UsageException($"{source}: two inputs are named the same ({string.Join(", ", names)}); "
                + "give each pfs input its own name");
        if (names.Contains("out"))
            throw new UsageException($"{source}: an input cannot be named 'out' (that is where the output goes)");
        var tries = root["datumTries"]?.GetValue<long>() ?? DefaultDatumTries;
        if (tries is < 1 or > 100) throw new UsageException($"{source}: datumTries must be between 1 and 100");
        var batch = root["metadata"]?["annotations"]?[BatchAnnotation]?.GetValue<string>() == "true";
        var incremental = root["metadata"]?["annotations"]?[IncrementalAnnotation]?.GetValue<string>() == "true";
        var image = transform["image"]?.GetValue<string>();
        var key = new JsonObject
        {
            ["image"] = image,
            ["cmd"] = new JsonArray(cmd.Select(c => (JsonNode)c).ToArray()),
            ["env"] = new JsonObject(env
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["stdin"] = transform["stdin"]?.DeepClone(),
            ["salt"] = root["salt"]?.DeepClone(),
        };
        // Our steps' stored results go stale when what they compute changes, though image and command do not.
        if (StepAlgorithmVersions.StepOf(cmd) is { } step)
            key["algorithm"] = $"{step}/{StepAlgorithmVersions.Of(step)}";
        return new PipelineSpec(name, image, cmd, env, input, (int)tries, batch, incremental, json)
        {
            TransformKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToJsonString()))),
            Stdin = stdin,
            DatumTimeout = Seconds(root["datumTimeout"]),
            JobTimeout = Seconds(root["jobTimeout"]),
        };
    }

    /// <summary>Lines written to the command's standard input (transform.stdin), as Pachyderm's worker does.</summary>
    public IReadOnlyList<string> Stdin { get; private init; } = [];

    /// <summary>A datum's try that takes longer is killed and counts as failed (datumTimeout).</summary>
    public TimeSpan? DatumTimeout { get; private init; }

    /// <summary>A job that takes longer is killed: its datums not done by then fail (jobTimeout).</summary>
    public TimeSpan? JobTimeout { get; private init; }

    /// <summary>Fields the engine would have to ignore to run the spec: running it anyway would give other results
    /// than Pachyderm gives.</summary>
    private static readonly string[] Unrunnable = ["errCmd", "errStdin", "acceptReturnCode", "workingDir", "user"];

    private static List<string> Strings(JsonNode? node, string field)
    {
        var values = new List<string>();
        foreach (var item in node?.AsArray() ?? [])
            values.Add(item?.GetValue<string>() ?? throw new UsageException($"{field}[{values.Count}] is null"));
        return values;
    }

    /// <summary>A protobuf duration as the schema allows it: seconds with a trailing 's' ("600s", "1.5s").</summary>
    private static TimeSpan? Seconds(JsonNode? node) => node?.GetValue<string>() is { } text
        ? TimeSpan.FromSeconds(double.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture))
        : null;

    private static PipelineInput ParseInput(JsonNode node, string source, string field)
    {
        if (node["pfs"] is { } pfs)
        {
            var repo = pfs["repo"]?.GetValue<string>()
                ?? throw new UsageException($"{source}: {field}.pfs has no repo");
            if (!NamePattern().IsMatch(repo))
                throw new UsageException(
                    $"{source}: {field}.pfs.repo '{repo}' may only hold letters, digits, '_' and '-'");
            var glob = pfs["glob"]?.GetValue<string>()
                ?? throw new UsageException($"{source}: the pfs input on {repo} has no glob");
            // The name is the input's folder under /pfs: one safe path segment, as Pachyderm requires of names.
            var name = pfs["name"]?.GetValue<string>() ?? repo;
            if (!NamePattern().IsMatch(name))
                throw new UsageException(
                    $"{source}: {field}.pfs.name '{name}' may only hold letters, digits, '_' and '-'");
            try
            {
                return new PfsInput(name, repo, new GlobPattern(glob), pfs["groupBy"]?.GetValue<string>());
            }
            catch (FormatException e)
            {
                throw new UsageException($"{source}: {field}.pfs.glob: {e.Message}");
            }
        }
        if (node["cross"] is JsonArray cross)
            return new CrossInput(Children(cross, source, $"{field}.cross"));
        if (node["union"] is JsonArray union)
            return new UnionInput(Children(union, source, $"{field}.union"));
        if (node["group"] is JsonArray group)
            return new GroupInput(group.Select((n, i) => ParseGroupMember(
                n ?? throw new UsageException($"{source}: {field}.group[{i}] is null"), source,
                $"{field}.group[{i}]")).ToList());
        var kind = Unsupported.FirstOrDefault(k => node[k] is not null);
        throw new UsageException(kind is null
            ? $"{source}: {field} must be pfs, cross, union or group"
            : $"{source}: '{kind}' inputs are not supported by the local engine (pfs, cross, union and group are); " +
              "run this pipeline on Pachyderm");
    }

    private static PfsInput ParseGroupMember(JsonNode node, string source, string field)
    {
        if (ParseInput(node, source, field) is not PfsInput { GroupBy: { Length: > 0 } key } pfs)
            throw new UsageException($"{source}: {field}: every input of a group must be a pfs input with a groupBy");
        if (key.Contains('$'))
            throw new UsageException($"{source}: groupBy '{key}' uses the glob's capture groups, which the local " +
                                     "engine does not substitute; use a constant key or run this pipeline on " +
                                     "Pachyderm");
        return pfs;
    }

    private static List<PipelineInput> Children(JsonArray inputs, string source, string field) =>
        inputs.Select((n, i) => ParseInput(
            n ?? throw new UsageException($"{source}: {field}[{i}] is null"), source, $"{field}[{i}]")).ToList();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();
}
