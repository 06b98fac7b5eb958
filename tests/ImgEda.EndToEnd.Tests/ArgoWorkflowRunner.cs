using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace ImgEda.EndToEnd.Tests;

/// <summary>Just enough of Argo to run pipelines/argo's WorkflowTemplate on this machine, with the behaviours that
/// decide
/// whether it works on a cluster: the DAG's `depends` and node phases, and the workflow's phase from its leaves
/// (workflow/controller/dag.go, assessDAGPhase: a failed task whose dependents ran does not fail the DAG; a leaf's
/// continueOn excuses it); withParam fan-out; parameters; S3 artifacts (key-only ones in the artifact repository's
/// bucket, explicit ones in their own bucket; one local folder per bucket, optional ones may be missing);
/// memoization, whose keys must match ^[a-zA-Z0-9][-a-zA-Z0-9]*$ or the node errors
/// (workflow/controller/cache/cache.go, configmap_cache.go); `resource` templates against a few Kubernetes
/// objects; and each container as its pod runs it: its command and args as written (/opt/imgeda/imgeda-&lt;step&gt;
/// mapped to build/bin), as the images' non-root user (10001), in a pod where only the input artifacts and the
/// template's volumeMounts exist under /pfs (Kubernetes creates the mount points' parents as root, 0755; an emptyDir
/// is 0777).</summary>
internal sealed partial class ArgoWorkflowRunner(string templateFile, string s3Root)
{
    /// <summary>The user the step images run as (images/Containerfile.step).</summary>
    public const int ImageUser = 10001;
    public const string ArtifactRepositoryBucket = "artifacts";

    private readonly Dictionary<object, object> _spec = (Dictionary<object, object>)new DeserializerBuilder().Build()
        .Deserialize<Dictionary<string, object>>(File.ReadAllText(templateFile))["spec"];
    private readonly Dictionary<string, string> _memo = new(StringComparer.Ordinal);

    public List<string> Executed { get; } = [];
    public Dictionary<string, int> ExitCodes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> TaskPhases { get; } = new(StringComparer.Ordinal);
    public List<string> MemoKeys { get; } = [];
    /// <summary>Kubernetes objects "Kind/name" and their spec, for resource templates.</summary>
    public Dictionary<string, Dictionary<object, object>> Objects { get; } = new(StringComparer.Ordinal);
    public string Phase { get; private set; } = "";

    private static readonly Regex CacheKey = new("^[a-zA-Z0-9][-a-zA-Z0-9]*$"); // cache.go: cacheKeyRegex

    public string Submit(string workflowName, IDictionary<string, string>? overrides = null)
    {
        Executed.Clear();
        ExitCodes.Clear();
        TaskPhases.Clear();
        var parameters = List(_spec["arguments"], "parameters")
            .ToDictionary(p => $"workflow.parameters.{Text(p, "name")}", p => Text(p, "value"));
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>())
            parameters[$"workflow.parameters.{k}"] = v;
        parameters["workflow.name"] = workflowName;
        Phase = Run(Text(_spec, "entrypoint"), parameters).Phase;
        return Phase;
    }

    private sealed record Node(string Phase, string? Result = null);

    private Node Run(string name, Dictionary<string, string> scope)
    {
        var template = List(_spec, "templates").Single(t => Text(t, "name") == name);
        if (template.ContainsKey("dag")) return RunDag(Map(template, "dag"), scope);
        if (template.ContainsKey("steps"))
        {
            foreach (var group in (List<object>)template["steps"])
                foreach (var step in ((List<object>)group).Cast<Dictionary<object, object>>())
                    if (Call(step, scope, []) is { Phase: not "Succeeded" } failed) return failed;
            return new Node("Succeeded");
        }
        if (template.ContainsKey("resource")) return RunResource(Map(template, "resource"), scope);
        return RunContainer(name, template, scope);
    }

    private Node RunDag(Dictionary<object, object> dag, Dictionary<string, string> scope)
    {
        var tasks = List(dag, "tasks").ToList();
        var results = new Dictionary<string, string?>();
        var phases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            var taskName = Text(task, "name");
            if (task.TryGetValue("depends", out var depends) && !ArgoDepends.Evaluate((string)depends, phases))
            {
                phases[taskName] = "Omitted";
                continue;
            }
            if (task.TryGetValue("withParam", out var param))
            {
                var items = JsonNode.Parse(Substitute((string)param, scope, results))!.AsArray();
                var children = items.Select(item => Call(task, scope, results, item!.AsObject())).ToList();
                phases[taskName] = children.FirstOrDefault(c => c.Phase != "Succeeded")?.Phase ?? "Succeeded";
            }
            else
            {
                var node = Call(task, scope, results);
                phases[taskName] = node.Phase;
                results[taskName] = node.Result;
            }
        }
        foreach (var (task, phase) in phases) TaskPhases[task] = phase;
        return new Node(DagPhase(tasks, phases));
    }

    /// <summary>assessDAGPhase: the DAG's phase is its leaves' (tasks no other task depends on). An omitted leaf takes
    /// the phase of the branch above it, failures first; a failed leaf whose continueOn covers it does not
    /// count.</summary>
    private static string DagPhase(List<Dictionary<object, object>> tasks, Dictionary<string, string> phases)
    {
        var dependsOn = tasks.ToDictionary(t => Text(t, "name"),
            t => t.TryGetValue("depends", out var d) ? ArgoDepends.TaskNames((string)d) : [], StringComparer.Ordinal);
        string BranchPhase(string task) => phases[task] != "Omitted" ? phases[task]
            : dependsOn[task].Select(BranchPhase).FirstOrDefault(p => p is "Failed" or "Error") ?? "Succeeded";
        foreach (var leaf in tasks.Where(t => !dependsOn.Values.Any(d => d.Contains(Text(t, "name")))))
        {
            var phase = BranchPhase(Text(leaf, "name"));
            if (phase is not ("Failed" or "Error")) continue;
            var excused = leaf.TryGetValue("continueOn", out var on)
                && ((Dictionary<object, object>)on).TryGetValue(phase == "Failed" ? "failed" : "error", out var flag)
                && bool.Parse(flag.ToString()!);
            if (!excused) return phase;
        }
        return "Succeeded";
    }

    private Node Call(Dictionary<object, object> call, Dictionary<string, string> scope,
        Dictionary<string, string?> results, JsonObject? item = null)
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

    /// <summary>A patch of an object that does not exist fails, as the Kubernetes API answers 404.</summary>
    private Node RunResource(Dictionary<object, object> resource, Dictionary<string, string> scope)
    {
        var manifest = (Dictionary<object, object>)new DeserializerBuilder().Build()
            .Deserialize<Dictionary<object, object>>(Substitute(Text(resource, "manifest"), scope, []));
        var id = $"{Text(manifest, "kind")}/{Text(Map(manifest, "metadata"), "name")}";
        Executed.Add($"resource {Text(resource, "action")} {id}");
        if (Text(resource, "action") != "patch" || !Objects.TryGetValue(id, out var spec)) return new Node("Failed");
        foreach (var (k, v) in Map(manifest, "spec")) spec[k] = v;
        return new Node("Succeeded");
    }

    private Node RunContainer(string name, Dictionary<object, object> template, Dictionary<string, string> scope)
    {
        if (!template.TryGetValue("memoize", out var memo)) return Execute(name, template, scope);
        var key = Substitute(Text(memo, "key"), scope, []);
        MemoKeys.Add(key);
        if (!CacheKey.IsMatch(key))
        {
            Executed.Add($"{name} error: invalid cache key {key}");
            return new Node("Error");
        }
        if (_memo.TryGetValue(key, out var cached)) return new Node("Succeeded", cached);
        var node = Execute(name, template, scope);
        if (node.Phase == "Succeeded") _memo[key] = node.Result!;
        return node;
    }

    private Node Execute(string name, Dictionary<object, object> template, Dictionary<string, string> scope)
    {
        var pod = Directory.CreateTempSubdirectory("argo-pod-").FullName;
        var pfs = Path.Combine(pod, "pfs");
        string Local(string path) =>
            path == "/pfs" ? pfs : path.StartsWith("/pfs/") ? Path.Combine(pfs, path[5..]) : path;
        if (template.TryGetValue("inputs", out var inputs)
            && ((Dictionary<object, object>)inputs).ContainsKey("artifacts"))
            foreach (var a in List(inputs, "artifacts"))
            {
                var source = Location(Map(a, "s3"), scope);
                if (Directory.Exists(source)) StepChain.CopyFolder(source, Local(Text(a, "path")));
                else Assert.True(a.TryGetValue("optional", out var optional) && bool.Parse(optional.ToString()!),
                    $"{name}: artifact {Text(a, "name")} missing at {source}");
            }
        var container = Map(template, "container");
        if (container.TryGetValue("volumeMounts", out var mounts))
            foreach (var mount in ((List<object>)mounts).Cast<Dictionary<object, object>>())
            {
                var volume = List(_spec, "volumes").Single(v => Text(v, "name") == Text(mount, "name"));
                Assert.True(volume.ContainsKey("emptyDir"), $"{name}: only emptyDir volumes are modelled");
                Directory.CreateDirectory(Local(Text(mount, "mountPath")));
                File.SetUnixFileMode(Local(Text(mount, "mountPath")), (UnixFileMode)0b111_111_111); // emptyDir: 0777
            }
        Directory.CreateDirectory(pfs);
        File.SetUnixFileMode(pod, (UnixFileMode)0b111_101_101);
        // The mount points' parent is root's, 0755: the image user can create nothing in it. A test run as an
        // ordinary user plays the image user itself, so the folder is its own and read-only (0555) to that effect.
        File.SetUnixFileMode(pfs, Processes.IsRoot ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b101_101_101);
        var command = ((List<object>)container["command"]).Select(c => (string)c).ToList();
        var arguments = ((List<object>)container["args"]).Select(a => Local(Substitute((string)a, scope, []))).ToList();
        var program = Path.Combine(RepoPaths.Root, "build", "bin", Path.GetFileName(command[0]));
        string[] asImageUser = [$"--reuid={ImageUser}", $"--regid={ImageUser}", "--clear-groups", program];
        var run = Processes.IsRoot
            ? Processes.Run("setpriv", [.. asImageUser, .. command.Skip(1), .. arguments])
            : Processes.Run(program, [.. command.Skip(1), .. arguments]);
        Executed.Add($"{name} {string.Join(' ', arguments.Select(a => a.Replace(pfs, "/pfs")))}");
        ExitCodes[name] = run.ExitCode;
        var succeeded = run.ExitCode == 0;
        if (succeeded && template.TryGetValue("outputs", out var outputs))
            foreach (var a in List(outputs, "artifacts"))
            {
                var target = Location(Map(a, "s3"), scope);
                if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
                StepChain.CopyFolder(Local(Text(a, "path")), target);
            }
        var lastError = run.Stderr.Trim().Split('\n').LastOrDefault();
        if (!succeeded) Executed.Add($"{name} failed: exit {run.ExitCode}: {lastError}");
        File.SetUnixFileMode(pfs, (UnixFileMode)0b111_101_101);
        Directory.Delete(pod, recursive: true);
        return new Node(succeeded ? "Succeeded" : "Failed", run.Stdout);
    }

    /// <summary>A key-only S3 artifact lives in the artifact repository's bucket; one that names its bucket, in
    /// it.</summary>
    private string Location(Dictionary<object, object> s3, Dictionary<string, string> scope)
    {
        var bucket = s3.ContainsKey("bucket") ? Substitute(Text(s3, "bucket"), scope, []) : ArtifactRepositoryBucket;
        Assert.True(!s3.ContainsKey("bucket") || s3.ContainsKey("endpoint"),
            "an S3 artifact that names a bucket needs its endpoint too (S3Artifact.HasLocation)");
        return Path.Combine(s3Root, bucket, Substitute(Text(s3, "key"), scope, []));
    }

    private static string Substitute(
        string text,
        Dictionary<string, string> scope,
        Dictionary<string, string?> results) =>
        Reference().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (scope.TryGetValue(name, out var value)) return value;
            var task = TaskResult().Match(name);
            if (task.Success && results.TryGetValue(task.Groups[1].Value, out var result)) return result!;
            throw new InvalidOperationException($"unresolved {{{{{name}}}}}");
        });

    private static Dictionary<object, object> Map(object node, string key) =>
        (Dictionary<object, object>)((IDictionary<object, object>)node)[key];
    private static IEnumerable<Dictionary<object, object>> List(object node, string key) =>
        ((List<object>)((IDictionary<object, object>)node)[key]).Cast<Dictionary<object, object>>();
    private static string Text(object node, string key) => ((IDictionary<object, object>)node)[key].ToString()!;

    [GeneratedRegex(@"\{\{([a-z0-9.\-]+)\}\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\{\{item\.([a-z]+)\}\}")]
    private static partial Regex ItemReference();

    [GeneratedRegex(@"^tasks\.([a-z\-]+)\.outputs\.result$")]
    private static partial Regex TaskResult();
}
