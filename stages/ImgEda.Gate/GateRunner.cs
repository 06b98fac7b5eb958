using System.Text.Json;
using System.Text.Json.Nodes;
using ImgEda.Core;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;
using Spectre.Console;

namespace ImgEda.Gate;

/// <summary>gate: finds merge's summary.json and the policy, writes verdict.json and a table on stderr; exit status 2
/// when the dataset violates the policy, so it can stop a CI job or an Argo workflow. With
/// <paramref name="reportOnly"/> it exits 0 whatever the verdict: Pachyderm commits nothing from a failed datum, and
/// an Argo step that fails hides the verdict from the steps after it, so there a later step enforces it
/// (VerdictEnforcer).</summary>
public sealed class GateRunner(DatasetContext context, string? policyFile, bool reportOnly = false)
{
    public const string PolicyInput = "policy";

    public int Run()
    {
        var layout = PfsLayout.Open(context.PfsRoot, context.Inputs);
        var (policy, policySource) = LoadPolicy(layout);
        var summaryPath = layout.Inputs.Where(i => i != PolicyInput)
            .Select(i => Path.Combine(layout.InputDirectory(i), "summary.json"))
            .FirstOrDefault(File.Exists)
            ?? throw new UsageException($"no summary.json in the inputs under {layout.Root}: " +
                                        "give gate the output of imgeda-merge " +
                                        $"(e.g. {layout.Root}/merge/summary.json)");
        var summary = JsonNode.Parse(File.ReadAllBytes(summaryPath)) as JsonObject
            ?? throw new UsageException($"{summaryPath} is not a JSON object");

        var annotations = AnnotationGate.Read(Path.GetDirectoryName(summaryPath)!);
        var checks = DatasetGate.Check(summary, policy).Concat(AnnotationGate.Check(annotations, policy)).ToList();
        var passed = checks.All(c => c.Passed);
        var verdict = new JsonObject
        {
            ["passed"] = passed,
            ["policy"] = policySource,
            ["summary"] = Path.GetRelativePath(layout.Root, summaryPath),
            ["checks"] = new JsonArray([.. checks.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["value"] = c.Value?.DeepClone(),
                ["limit"] = c.Limit?.DeepClone(),
                ["passed"] = c.Passed,
            })]),
        };
        AtomicFile.Write(Path.Combine(context.Out, "verdict.json"),
            JsonSerializer.SerializeToUtf8Bytes(verdict, VerdictJson.Default.JsonObject));
        WriteTable(checks, passed);
        return passed || reportOnly ? ExitStatus.Done : ExitStatus.ProblemsFound;
    }

    private (Policy Policy, string Source) LoadPolicy(PfsLayout layout)
    {
        var file = policyFile;
        // The policy folder is optional (Pachyderm mounts it only when the policy repo has a commit, the local engine
        // empty when that commit is), so it is looked for by name even when --input lists only merge.
        var policyFolder = layout.InputDirectory(PolicyInput);
        if (file is null && Directory.Exists(policyFolder) && Directory.EnumerateFileSystemEntries(policyFolder).Any())
        {
            var candidates = Directory.GetFiles(policyFolder, "*.yaml")
                .Concat(Directory.GetFiles(policyFolder, "*.yml")).Order().ToList();
            file = candidates.Count switch
            {
                0 => throw new UsageException($"the '{PolicyInput}' input holds no .yaml file"),
                1 => candidates[0],
                _ => throw new UsageException($"the '{PolicyInput}' input holds {candidates.Count} .yaml files; " +
                                              "keep one, or choose with --policy"),
            };
        }
        if (file is null) return (new Policy(), "defaults");
        if (!File.Exists(file)) throw new UsageException($"--policy {file} does not exist");
        // Relative to the /pfs root when it is inside it, so the verdict reads the same on every machine.
        var full = Path.GetFullPath(file);
        var insidePfsRoot = full.StartsWith(layout.Root + "/", StringComparison.Ordinal);
        var source = insidePfsRoot ? Path.GetRelativePath(layout.Root, full) : file;
        return (Policy.Parse(File.ReadAllText(file), source), source);
    }

    private static void WriteTable(IReadOnlyList<PolicyCheck> checks, bool passed)
    {
        var console = StepLog.StderrConsole();
        var table = new Table().AddColumns("check", "value", "limit", "result");
        foreach (var c in checks)
            table.AddRow(
                Markup.Escape(c.Name),
                Markup.Escape(c.Value?.ToJsonString() ?? "n/a"),
                Markup.Escape(c.Limit?.ToJsonString() ?? ""),
                c.Passed ? "[green]pass[/]" : "[red]FAIL[/]");
        console.Write(table);
        var failedNames = checks.Where(c => !c.Passed).Select(c => c.Name);
        var failedList = Markup.Escape(string.Join(", ", failedNames));
        console.MarkupLine(passed
            ? "[green]dataset passes the policy[/]"
            : $"[red]dataset violates the policy: {checks.Count(c => !c.Passed)} check(s) failed ({failedList})[/]");
    }
}
