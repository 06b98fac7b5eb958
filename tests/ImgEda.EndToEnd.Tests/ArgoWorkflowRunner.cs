using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace ImgEda.EndToEnd.Tests;

/// <summary>Just enough of Argo to run pipelines/argo's WorkflowTemplate on this machine: the DAG and step groups, withParam
/// fan-out, parameters, key-only S3 artifacts (a local folder per key), optional artifacts, memoization, and each
/// container template's command and args exactly as written (with /opt/imgeda/imgeda-&lt;step&gt; mapped to build/bin and
/// the container's /pfs to a local folder).</summary>
internal sealed partial class ArgoWorkflowRunner(string templateFile, string bucket)
{
    private readonly Dictionary<object, object> _spec = (Dictionary<object, object>)new DeserializerBuilder().Build()
        .Deserialize<Dictionary<string, object>>(File.ReadAllText(templateFile))["spec"];
    private readonly Dictionary<string, string> _memo = new(StringComparer.Ordinal);

    public List<string> Executed { get; } = [];
    public Dictionary<string, int> ExitCodes { get; } = new(StringComparer.Ordinal);

    public void Submit(string workflowName, IDictionary<string, string>? overrides = null)
    {
        Executed.Clear();
        var parameters = List(_spec["arguments"], "parameters").ToDictionary(p => $"workflow.parameters.{Text(p, "name")}", p => Text(p, "value"));
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>()) parameters[$"workflow.parameters.{k}"] = v;
        parameters["workflow.name"] = workflowName;
        Run(Text(_spec, "entrypoint"), parameters);
    }

    private string? Run(string name, Dictionary<string, string> scope)
    {
        var template = List(_spec, "templates").Single(t => Text(t, "name") == name);
        if (template.ContainsKey("dag")) { RunDag(Map(template, "dag"), scope); return null; }
        if (template.ContainsKey("steps")) { foreach (var group in (List<object>)template["steps"]) foreach (var step in ((List<object>)group).Cast<Dictionary<object, object>>()) Call(step, scope, new()); return null; }
        return RunContainer(name, template, scope);
    }

    private void RunDag(Dictionary<object, object> dag, Dictionary<string, string> scope)
    {
        var results = new Dictionary<string, string?>();
        foreach (var task in List(dag, "tasks"))
        {
            var taskName = Text(task, "name");
            if (task.TryGetValue("withParam", out var param))
            {
                var items = JsonNode.Parse(Substitute((string)param, scope, results))!.AsArray();
                foreach (var item in items) Call(task, scope, results, item!.AsObject());
            }
            else results[taskName] = Call(task, scope, results);
        }
    }

    private string? Call(Dictionary<object, object> call, Dictionary<string, string> scope, Dictionary<string, string?> results, JsonObject? item = null)
    {
        var inner = new Dictionary<string, string>(scope.Where(p => p.Key.StartsWith("workflow.")).ToDictionary());
        if (call.TryGetValue("arguments", out var args))
            foreach (var p in List(args, "parameters"))
            {
                var value = Text(p, "value");
                if (item is not null) value = ItemReference().Replace(value, m => (string)item[m.Groups[1].Value]!);
                inner[$"inputs.parameters.{Text(p, "name")}"] = Substitute(value, scope, results);
            }
        return Run(Text(call, "template"), inner);
    }

    private string RunContainer(string name, Dictionary<object, object> template, Dictionary<string, string> scope)
    {
        if (template.TryGetValue("memoize", out var memo))
        {
            var key = Substitute(Text(memo, "key"), scope, []);
            if (_memo.TryGetValue(key, out var cached)) return cached;
            var result = Execute(name, template, scope);
            _memo[key] = result;
            return result;
        }
        return Execute(name, template, scope);
    }

    private string Execute(string name, Dictionary<object, object> template, Dictionary<string, string> scope)
    {
        var pfs = Directory.CreateTempSubdirectory("argo-pod-").FullName;
        string Local(string path) => path == "/pfs" ? pfs : path.StartsWith("/pfs/") ? Path.Combine(pfs, path[5..]) : path;
        if (template.TryGetValue("inputs", out var inputs) && ((Dictionary<object, object>)inputs).ContainsKey("artifacts"))
            foreach (var a in List(inputs, "artifacts"))
            {
                var source = Path.Combine(bucket, Substitute(Text(Map(a, "s3"), "key"), scope, []));
                if (Directory.Exists(source)) StepChain.CopyFolder(source, Local(Text(a, "path")));
                else Assert.True(a.TryGetValue("optional", out var optional) && (bool.Parse(optional.ToString()!)), $"{name}: artifact {Text(a, "name")} missing at {source}");
            }
        var container = Map(template, "container");
        var command = ((List<object>)container["command"]).Select(c => (string)c).ToList();
        var arguments = ((List<object>)container["args"]).Select(a => Local(Substitute((string)a, scope, []))).ToList();
        var program = Path.Combine(RepoPaths.Root, "build", "bin", Path.GetFileName(command[0]));
        var run = Processes.Run(program, [.. command.Skip(1), .. arguments]);
        Executed.Add($"{name} {string.Join(' ', arguments.Select(a => a.Replace(pfs, "/pfs")))}");
        ExitCodes[name] = run.ExitCode;
        Assert.True(run.ExitCode == 0 || name == "gate" && run.ExitCode == 2, $"{name} exited {run.ExitCode}: {run.Stderr}");
        if (template.TryGetValue("outputs", out var outputs))
            foreach (var a in List(outputs, "artifacts"))
            {
                var target = Path.Combine(bucket, Substitute(Text(Map(a, "s3"), "key"), scope, []));
                if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
                StepChain.CopyFolder(Local(Text(a, "path")), target);
            }
        Directory.Delete(pfs, recursive: true);
        return run.Stdout;
    }

    private static string Substitute(string text, Dictionary<string, string> scope, Dictionary<string, string?> results) =>
        Reference().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (scope.TryGetValue(name, out var value)) return value;
            var task = TaskResult().Match(name);
            if (task.Success && results.TryGetValue(task.Groups[1].Value, out var result)) return result!;
            throw new InvalidOperationException($"unresolved {{{{{name}}}}}");
        });

    private static Dictionary<object, object> Map(object node, string key) => (Dictionary<object, object>)((IDictionary<object, object>)node)[key];
    private static IEnumerable<Dictionary<object, object>> List(object node, string key) => ((List<object>)((IDictionary<object, object>)node)[key]).Cast<Dictionary<object, object>>();
    private static string Text(object node, string key) => ((IDictionary<object, object>)node)[key].ToString()!;

    [GeneratedRegex(@"\{\{([a-z0-9.\-]+)\}\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\{\{item\.([a-z]+)\}\}")]
    private static partial Regex ItemReference();

    [GeneratedRegex(@"^tasks\.([a-z\-]+)\.outputs\.result$")]
    private static partial Regex TaskResult();
}
