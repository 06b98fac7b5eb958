using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace ImgEda.EndToEnd.Tests;

/// <summary>pipelines/argo: valid against the vendored schemas (strictly), and the WorkflowTemplate's own commands, run
/// on this machine as Argo runs them (ArgoWorkflowRunner: the DAG's phase from its leaves, memoize key rules, non-root
/// pods with only the artifacts and volumes mounted), produce the report; a second run after one more image recomputes
/// only that image's shard; a violated policy fails the workflow while plot still runs.</summary>
public class ArgoPipelineTests
{
    private static string Argo(string file) => Path.Combine(RepoPaths.Root, "pipelines", "argo", file);
    private static string Template => Argo("imgeda-workflowtemplate.yaml");
    private static readonly Dictionary<string, string> ThreeShards = new() { ["shards"] = "3" };

    [Fact]
    public void Every_argo_file_is_valid_and_a_misspelled_field_is_not()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "pipelines", "argo"), "*.yaml");
        Assert.Equal(4, files.Length);
        SpecValidation.AssertValid(files);
        SpecValidation.AssertEditIsRejected(Template, "memoize:", "memoise:");
        SpecValidation.AssertEditIsRejected(Argo("imgeda-cronworkflow.yaml"), "concurrencyPolicy:", "concurrency:");
    }

    [Fact]
    public void Image_names_and_tags_are_the_ones_make_images_builds()
    {
        var vars = SpecValidation.ImageNames();
        var template = File.ReadAllText(Template);
        Assert.Contains($"name: image-prefix\n        value: {vars["IMAGE_PREFIX"]}", template);
        Assert.Contains($"name: version\n        value: {vars["IMAGE_TAG"]}", template);
    }

    [Fact]
    public void The_template_runs_the_chain_fails_on_the_policy_and_a_new_image_recomputes_one_shard()
    {
        using var tmp = new TempDir();
        var images = Directory.CreateDirectory(tmp["s3/images/images"]).FullName;
        foreach (var f in RepoPaths.SampleFiles.Concat(BadInputs.Files))
            File.Copy(f, Path.Combine(images, Path.GetFileName(f)));
        var argo = new ArgoWorkflowRunner(Template, tmp["s3"]);

        // The bad inputs break the default policy: the workflow fails (the enforce leaf), and plot still ran.
        Assert.Equal("Failed", argo.Submit("imgeda-1", ThreeShards));
        Assert.Equal(["enforce"], argo.Executed.Where(e => e.Contains(" failed: ")).Select(e => e.Split(' ')[0]));
        // disarm, list-shards, 4 steps x 3 shards, annotations, merge, gate, plot, enforce
        var succeeded = argo.Executed.Count(e => !e.Contains(" failed: "));
        Assert.Equal(1 + 1 + 3 * 4 + 5, succeeded);
        Assert.Contains(argo.Executed, e => e.StartsWith("annotations --pfs /pfs --input images"));
        Assert.Contains(argo.Executed, e => e.StartsWith("analyze --pfs /pfs --input images --shard 2/3"));
        Assert.Equal((0, 0, 2), (argo.ExitCodes["gate"], argo.ExitCodes["plot"], argo.ExitCodes["enforce"]));
        Assert.Equal(("Succeeded", "Failed"), (argo.TaskPhases["plot"], argo.TaskPhases["enforce"]));
        Assert.Equal("Failed", argo.TaskPhases["disarm"]); // no CronWorkflow here: excused by continueOn
        var state = tmp["s3/artifacts/imgeda/state"];
        var verdict = JsonNode.Parse(File.ReadAllText(Path.Combine(state, "runs/imgeda-1/gate/verdict.json")))!;
        Assert.False((bool)verdict["passed"]!);
        Assert.True(File.Exists(Path.Combine(state, "runs/imgeda-1/plot/report.html")));
        var count = RepoPaths.SampleFiles.Count + BadInputs.Files.Count;
        var manifest = Path.Combine(state, "latest/merge/manifest.jsonl");
        Assert.Equal(count + 1, File.ReadAllLines(manifest).Length);
        var lines = File.ReadAllLines(manifest).Skip(1).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(lines.Where(r => r["pixel_stats"] is JsonObject), r => Assert.NotNull((string?)r["thumbnail"]));
        Assert.All(argo.MemoKeys, key => Assert.Matches("^[a-zA-Z0-9][-a-zA-Z0-9]*$", key)); // cache.go: cacheKeyRegex

        File.Copy(RepoPaths.PhotoFiles[0], Path.Combine(images, "new-photo.jpg"));
        argo.Submit("imgeda-2", ThreeShards);
        var perImage = argo.Executed.Where(e => e.Split(' ')[0] is "analyze" or "hash" or "thumbs" or "edges").ToList();
        Assert.Equal(4, perImage.Count); // one shard changed: its four steps; the other shards were memoized
        var diff = JsonNode.Parse(File.ReadAllText(Path.Combine(state, "latest/merge/diff.json")))!;
        Assert.Equal(["images/new-photo.jpg"], diff["added"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(count, (int)diff["unchanged_count"]!);
    }

    [Fact]
    public void A_deleted_image_leaves_the_manifest_and_a_shard_back_at_old_content_reads_its_own_outputs()
    {
        using var tmp = new TempDir();
        var images = Directory.CreateDirectory(tmp["s3/images/images"]).FullName;
        foreach (var f in RepoPaths.SampleFiles.Take(6)) File.Copy(f, Path.Combine(images, Path.GetFileName(f)));
        var argo = new ArgoWorkflowRunner(Template, tmp["s3"]);
        var manifest = tmp["s3/artifacts/imgeda/state/latest/merge/manifest.jsonl"];
        string[] Paths() =>
            [.. File.ReadAllLines(manifest).Skip(1).Select(l => (string)JsonNode.Parse(l)!["path"]!).Order()];

        argo.Submit("run-1", ThreeShards);
        var all = Paths();
        File.Copy(RepoPaths.PhotoFiles[0], Path.Combine(images, "extra.jpg")); // its shard: F1 -> F2
        argo.Submit("run-2", ThreeShards);
        Assert.Contains("extra.jpg", Paths());
        // S3 uploads never delete: extra.jpg's records stay in the bucket under F2's prefix, and F1's shard returns
        // from
        // the memo cache. merge must read F1's outputs (this run's fingerprints) and nothing of F2's.
        File.Delete(Path.Combine(images, "extra.jpg"));
        argo.Submit("run-3", ThreeShards);
        Assert.DoesNotContain(argo.Executed, e => e.Split(' ')[0] is "analyze" or "hash" or "thumbs" or "edges");
        Assert.Equal(all, Paths());
        File.Delete(Path.Combine(images, Path.GetFileName(RepoPaths.SampleFiles[0])));
        argo.Submit("run-4", ThreeShards);
        Assert.Equal(all.Where(p => p != Path.GetFileName(RepoPaths.SampleFiles[0])), Paths());
    }

    [Fact]
    public void Without_its_out_volume_a_step_cannot_create_pfs_out_and_a_dotted_memo_key_errors_the_node()
    {
        using var tmp = new TempDir();
        var images = Directory.CreateDirectory(tmp["s3/images/images"]).FullName;
        File.Copy(RepoPaths.SampleFiles[0], Path.Combine(images, Path.GetFileName(RepoPaths.SampleFiles[0])));
        var text = File.ReadAllText(Template);

        // What the template looked like before: Argo mounts only the input artifact under /pfs, so /pfs is root's.
        var noVolume = tmp["no-volume.yaml"];
        File.WriteAllText(noVolume, text.Replace("        volumeMounts: *out\n", ""));
        var argo = new ArgoWorkflowRunner(noVolume, tmp["s3"]);
        Assert.Equal("Failed", argo.Submit("no-volume", new Dictionary<string, string> { ["shards"] = "1" }));
        Assert.Equal(4, argo.ExitCodes["analyze"]); // the output cannot be written

        var dotted = tmp["dotted-key.yaml"];
        const string validKey = "key: \"analyze-{{inputs.parameters.shard-key}}";
        const string dottedKey = "key: \"analyze-{{workflow.parameters.version}}-{{inputs.parameters.shard}}";
        File.WriteAllText(dotted, text.Replace(validKey, dottedKey));
        argo = new ArgoWorkflowRunner(dotted, tmp["s3"]);
        Assert.Equal("Error", argo.Submit("dotted", new Dictionary<string, string> { ["shards"] = "1" }));
        Assert.Contains(argo.Executed, e => e.StartsWith("analyze error: invalid cache key analyze-0."));
    }

    [Fact]
    public void A_burst_of_events_arms_the_cron_workflow_once_and_its_run_disarms_it()
    {
        using var tmp = new TempDir();
        var photos = Directory.CreateDirectory(tmp["s3/photos/images"]).FullName;
        foreach (var f in RepoPaths.SampleFiles.Take(3)) File.Copy(f, Path.Combine(photos, Path.GetFileName(f)));
        var cron = Yaml(Argo("imgeda-cronworkflow.yaml")).Single();
        var sensor = Yaml(Argo("imgeda-sensor.yaml")).Single();
        var trigger = Node(sensor, "spec", "triggers", 0, "template", "k8s");
        Assert.Equal(("patch", "CronWorkflow", Text(cron, "metadata", "name")),
            (Text(trigger, "operation"), Text(trigger, "source", "resource", "kind"),
                Text(trigger, "source", "resource", "metadata", "name")));
        Assert.Equal(("Forbid", "true"), (Text(cron, "spec", "concurrencyPolicy"), Text(cron, "spec", "suspend")));
        // The event's bucket is what the run reads: the Sensor writes it into the parameter named bucket.
        Assert.Equal("notification.0.s3.bucket.name", Text(trigger, "parameters", 0, "src", "dataKey"));
        Assert.Equal("spec.workflowSpec.arguments.parameters.0.value", Text(trigger, "parameters", 0, "dest"));
        var firstParameter =
            Text(trigger, "source", "resource", "spec", "workflowSpec", "arguments", "parameters", 0, "name");
        Assert.Equal("bucket", firstParameter);
        var eventSource = Yaml(Argo("imgeda-eventsource.yaml")).Single();
        var workflowBucket = Text(cron, "spec", "workflowSpec", "arguments", "parameters", 0, "value");
        Assert.Equal(workflowBucket, Text(eventSource, "spec", "minio", "images", "bucket", "name"));

        var argo = new ArgoWorkflowRunner(Template, tmp["s3"]);
        var state = new Dictionary<object, object> { ["suspend"] = true };
        argo.Objects["CronWorkflow/imgeda"] = state;
        for (var e = 0; e < 1000; e++) state["suspend"] = false; // 1,000 uploads: each event patches suspend: false
        var runs = 0;
        for (var tick = 0; tick < 3; tick++)
        {
            if (bool.Parse(state["suspend"].ToString()!)) continue; // workflow/cron/operator.go: suspended, skip
            runs++;
            var parameters = new Dictionary<string, string> { ["bucket"] = "photos", ["shards"] = "2" };
            argo.Submit($"imgeda-cron-{tick}", parameters);
        }
        Assert.Equal(1, runs);
        Assert.Equal("Succeeded", argo.TaskPhases["disarm"]);
        Assert.Equal(4, File.ReadAllLines(tmp["s3/artifacts/imgeda/state/latest/merge/manifest.jsonl"]).Length);
    }

    [Fact]
    public void The_sensor_and_the_workflow_run_under_accounts_allowed_exactly_what_they_do()
    {
        var rbac = Yaml(Path.Combine(RepoPaths.Root, "pipelines", "argo", "rbac", "imgeda-rbac.yaml"));
        var sensorAccount = Text(Yaml(Argo("imgeda-sensor.yaml")).Single(), "spec", "template", "serviceAccountName");
        var workflowAccount = Text(Yaml(Template).Single(), "spec", "serviceAccountName");
        Assert.NotEqual("argo-events-sa", sensorAccount); // the controller's account, in another namespace
        Assert.Equal(["get cronworkflows imgeda", "patch cronworkflows imgeda"], Grants(rbac, sensorAccount));
        string[] workflowGrants = ["create workflowtaskresults", "get cronworkflows imgeda",
            "patch cronworkflows imgeda",
            "patch workflowtaskresults"];
        Assert.Equal(workflowGrants, Grants(rbac, workflowAccount));
        Assert.Contains(rbac, d => Text(d, "kind") == "ServiceAccount" && Text(d, "metadata", "name") == sensorAccount);
        Assert.Contains(rbac,
            d => Text(d, "kind") == "ServiceAccount" && Text(d, "metadata", "name") == workflowAccount);
    }

    /// <summary>"verb resource [name]" for every rule of every Role bound to <paramref name="account"/>.</summary>
    private static string[] Grants(List<YamlMappingNode> rbac, string account)
    {
        bool BindsAccount(YamlMappingNode binding) =>
            ((YamlSequenceNode)binding["subjects"]).Cast<YamlMappingNode>().Any(s => Text(s, "name") == account);
        YamlMappingNode RoleOf(YamlMappingNode binding) =>
            rbac.Single(r => Text(r, "kind") == "Role"
                             && Text(r, "metadata", "name") == Text(binding, "roleRef", "name"));
        IEnumerable<string> Names(YamlMappingNode rule) =>
            rule.Children.ContainsKey("resourceNames") ? Items(rule, "resourceNames") : [""];
        return [.. rbac.Where(d => Text(d, "kind") == "RoleBinding" && BindsAccount(d)).Select(RoleOf)
            .SelectMany(role => ((YamlSequenceNode)role["rules"]).Cast<YamlMappingNode>())
            .SelectMany(rule => from verb in Items(rule, "verbs") from resource in Items(rule, "resources")
                                from name in Names(rule)
                                select $"{verb} {resource} {name}".Trim())
            .Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> Items(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node[key]).Select(n => ((YamlScalarNode)n).Value!);

    private static List<YamlMappingNode> Yaml(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(file)));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlNode Node(YamlNode node, params object[] path) =>
        path.Aggregate(node,
            (n, step) => step is int i ? ((YamlSequenceNode)n)[i] : ((YamlMappingNode)n)[(string)step]);

    private static string Text(YamlNode node, params object[] path) => ((YamlScalarNode)Node(node, path)).Value!;
}
