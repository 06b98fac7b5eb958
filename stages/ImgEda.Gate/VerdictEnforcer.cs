using System.Text.Json.Nodes;
using ImgEda.Core;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;

namespace ImgEda.Gate;

/// <summary>`gate --enforce`: reads the verdict.json a `gate --report-only` wrote (an input holding gate's output)
/// and exits 2 when the dataset failed. It writes nothing: its only job is to fail where the runner shows failures
/// (a failed Pachyderm job, a failed Argo workflow) after the verdict itself has been kept.</summary>
public sealed class VerdictEnforcer(DatasetContext context)
{
    public int Run()
    {
        var layout = PfsLayout.Open(context.PfsRoot, context.Inputs);
        var path = layout.Inputs.Select(i => Path.Combine(layout.InputDirectory(i), "verdict.json"))
            .FirstOrDefault(File.Exists) ?? throw new UsageException(
                $"no verdict.json in the inputs under {layout.Root}: give --enforce gate's output " +
                $"(e.g. {layout.Root}/gate/verdict.json)");
        var verdict = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject;
        if (verdict?["passed"] is not JsonValue passed || !passed.TryGetValue(out bool ok))
            throw new UsageException($"{path} has no boolean 'passed': it was not written by imgeda-gate");
        if (ok)
        {
            context.Log.Info($"{Path.GetRelativePath(layout.Root, path)}: the dataset passes the policy");
            return ExitStatus.Done;
        }
        var failed = verdict["checks"]?.AsArray().Where(c => c?["passed"]?.GetValue<bool>() == false)
            .Select(c => (string?)c!["name"]);
        context.Log.Error($"{Path.GetRelativePath(layout.Root, path)}: the dataset violates the policy " +
                          $"({string.Join(", ", failed ?? [])})");
        return ExitStatus.ProblemsFound;
    }
}
