using System.Text.Json.Nodes;

namespace ImgEda.EndToEnd.Tests.Engine;

/// <summary>The local engine on real photos with the shipped specs (pipelines/pachyderm): a new image is the only
/// datum processed, the result equals a fresh run, deletions propagate, failing datums are retried and
/// reported.</summary>
public class LocalEngineTests
{
    private static readonly string[] PerImage = ["edges", "analyze", "hash", "thumbs"];

    /// <summary>200 images in nested folders (photos, samples, bad files), and one more held back. The per-image specs'
    /// glob /**.* makes each file a datum and no folder one.</summary>
    private static (string Folder, string Extra) Dataset(TempDir tmp)
    {
        var pool = RepoPaths.PhotoFiles.Select(f => ("photos/" + Path.GetFileName(f), f))
            .Concat(RepoPaths.SampleFiles.Select(f => ("samples/set1/" + Path.GetFileName(f), f)))
            .Concat(BadInputs.Files.Select(f => ("bad/" + Path.GetFileName(f), f)))
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "..", "shared", "corpus", "small"))
                .Order(StringComparer.Ordinal)
                .Select(f => ("corpus/" + Path.GetFileName(f), f)))
            .ToList();
        Assert.True(pool.Count >= 201, $"need 201 images, have {pool.Count}");
        foreach (var (relative, source) in pool.Take(200))
        {
            var target = tmp[Path.Combine("dataset", relative)];
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
        var extra = tmp["extra.jpg"];
        File.Copy(pool[200].Item2, extra);
        return (tmp["dataset"], extra);
    }

    [Fact]
    public void One_new_image_is_the_only_datum_processed_and_the_result_equals_a_fresh_run()
    {
        using var tmp = new TempDir();
        var (dataset, extra) = Dataset(tmp);
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.CreateChain(dataset);
        // The bad files break the sample policy: enforce's datum fails, so run says 2; everything else completes.
        var first = engine.Ok(2, "run");
        // The four batches of every image mounted one checkout of the images commit instead of linking 200 files each.
        Assert.True(File.Exists(tmp["home/checkouts/images.commit"]));
        foreach (var pipeline in PerImage)
        {
            var job = engine.LastJob(pipeline);
            Assert.Equal("success", (string?)job["state"]);
            Assert.Equal(0, (int)job["datums"]!["skipped"]!);
            Assert.Equal(200, (int)job["datums"]!["processed"]!);
        }
        Assert.Equal(201, Manifest(engine, tmp).Count);
        Assert.Equal("success", (string?)engine.LastJob("gate")["state"]); // gate keeps its verdict (--report-only)
        Assert.Equal("failure", (string?)engine.LastJob("enforce")["state"]);
        var enforceError = (string?)engine.LastJob("enforce")["failed_datums"]![0]!["error"];
        Assert.Contains("dataset violates the policy", enforceError);

        engine.Ok("put", "images", extra);
        engine.Ok(2, "run");
        foreach (var pipeline in PerImage)
        {
            var job = engine.LastJob(pipeline);
            Assert.Equal((1, 200), ((int)job["datums"]!["processed"]!, (int)job["datums"]!["skipped"]!));
            Assert.Equal(2, engine.Jobs(pipeline).Count);
        }
        foreach (var pipeline in new[] { "merge", "plot" })
        {
            Assert.Equal(2, engine.Jobs(pipeline).Count);
            Assert.Equal(1, (int)engine.LastJob(pipeline)["datums"]!["processed"]!);
        }
        Assert.Equal(202, Manifest(engine, tmp).Count);
        // merge was handed its previous output and what changed (imgeda.io/incremental): its diff names the new image.
        var diff = JsonNode.Parse(Read(engine, "merge:diff.json", tmp))!;
        Assert.Equal(["images/extra.jpg"], diff["added"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(200, (int)diff["unchanged_count"]!);

        // A fresh home given all 201 at once computes the same outputs (merge reading every record).
        var fresh = new EngineHomeUnderTest(tmp["fresh"]);
        fresh.CreateChain(dataset);
        fresh.Ok("put", "images", extra);
        fresh.Ok(2, "run");
        foreach (var pipeline in PerImage)
            OutputTree.AssertIdentical(fresh.Contents(pipeline, tmp.Path), engine.Contents(pipeline, tmp.Path));
        Assert.Equal(Manifest(fresh, tmp).Skip(1), Manifest(engine, tmp).Skip(1));
        foreach (var file in new[] { "duplicates.json", "summary.json", "manifest.csv", ".imgeda/merge/index" })
            Assert.Equal(Read(fresh, $"merge:{file}", tmp), Read(engine, $"merge:{file}", tmp));

        // Deleting the image removes its outputs from the next output commits.
        engine.Ok("delete", "images", "extra.jpg");
        engine.Ok(2, "run");
        Assert.DoesNotContain("extra.jpg", engine.Ok("ls", "analyze").Stdout);
        Assert.Contains("extra.jpg", engine.Ok("ls", "analyze@^1").Stdout);
        Assert.Equal(201, Manifest(engine, tmp).Count);
        var diffAfterDelete = JsonNode.Parse(Read(engine, "merge:diff.json", tmp))!;
        Assert.Equal(["images/extra.jpg"], diffAfterDelete["removed"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(0, (int)engine.LastJob("analyze")["datums"]!["processed"]!);
        engine.Ok("check", "--deep");
        // enforce's failed datum (the policy is violated) is tried again by every run, as Pachyderm's next job would
        // (issue 15); nothing else.
        var again = engine.Ok(2, "run").Stderr;
        Assert.Contains("enforce: job", again);
        Assert.DoesNotContain("merge: job", again);
    }

    /// <summary>The runbook's policy repo is optional: created and left without a commit, gate still runs (its group
    /// reads the repo as empty, through an empty first commit) with its built-in policy, and plot writes the report; a
    /// policy put later is what the next run's gate reads.</summary>
    [Fact]
    public void A_policy_repo_without_a_commit_is_read_as_empty()
    {
        using var tmp = new TempDir();
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.Ok("repo", "create", "images", "policy");
        engine.Ok("put", "images", RepoPaths.Samples);
        engine.Ok("pipeline", "create", "-f", Path.Combine(RepoPaths.Root, "pipelines", "pachyderm"));
        engine.Ok("run");
        foreach (var pipeline in (string[])["gate", "enforce", "plot"])
            Assert.Equal("success", (string?)engine.LastJob(pipeline)["state"]);
        Assert.Contains("report.html", engine.Contents("plot", tmp.Path).Keys);
        var policyCommits = JsonNode.Parse(engine.Ok("commit", "list", "policy", "-o", "json").Stdout)!.AsArray();
        Assert.Equal(0, (int)Assert.Single(policyCommits)!["files"]!);

        File.WriteAllText(tmp["policy.yaml"], "min_images_total: 1000\n");
        engine.Ok("put", "policy", tmp["policy.yaml"]);
        engine.Ok(2, "run");
        var verdict = System.Text.Encoding.UTF8.GetString(engine.Contents("gate", tmp.Path)["verdict.json"]);
        Assert.Contains("min_images_total", verdict);
    }

    [Fact]
    public void A_failing_datum_is_retried_datum_tries_times_and_the_rest_commit()
    {
        using var tmp = new TempDir();
        var images = tmp["images"];
        OutputTree.CopyInto(images, RepoPaths.SampleFiles.Take(5).Append(BadInputs.File("truncated_mid_scan.jpg")));
        // analyze --strict fails a datum whose image is bad; as a batch the whole run fails first, then one by one.
        File.WriteAllText(tmp["strict.json"], """
            {"pipeline": {"name": "strict"}, "input": {"pfs": {"repo": "images", "glob": "/*"}},
             "transform": {"image": "localhost/imgeda-analyze:0.1.0",
                           "cmd": ["/opt/imgeda/imgeda-analyze", "--strict"]},
             "datumTries": 2, "metadata": {"annotations": {"imgeda.io/batch-datums": "true"}}}
            """);
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.Ok("repo", "create", "images");
        engine.Ok("put", "images", images);
        engine.Ok("pipeline", "create", "-f", tmp["strict.json"]);
        var run = engine.Ok(2, "run");
        Assert.Contains("running its datums one by one", run.Stderr);
        var job = engine.LastJob("strict");
        Assert.Equal("failure", (string?)job["state"]);
        var datums = job["datums"]!;
        Assert.Equal((5, 1, 1), ((int)datums["processed"]!, (int)datums["failed"]!, (int)datums["retried"]!));
        var failed = Assert.Single(job["failed_datums"]!.AsArray());
        Assert.Equal("images:/truncated_mid_scan.jpg", (string?)failed!["datum"]);
        Assert.Equal(2, (int)failed["tries"]!);
        Assert.Contains("exit status 2", (string?)failed["error"]);
        var records = engine.Ok("ls", "strict").Stdout
            .Split('\n')
            .Count(l => l.Contains("images/") && !l.Contains(".imgeda/"));
        Assert.Equal(5, records);
    }

    [Fact]
    public void Watch_runs_on_new_commits_and_a_second_runner_on_the_same_home_is_refused()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["first"], RepoPaths.SampleFiles.Take(3));
        OutputTree.CopyInto(tmp["second"], RepoPaths.SampleFiles.Skip(3).Take(2));
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.Ok("repo", "create", "images");
        engine.Ok("pipeline", "create", "-f", Path.Combine(RepoPaths.Root, "pipelines", "pachyderm", "hash.json"));
        using var watch = engine.Start("watch", "--interval", "0.2");
        try
        {
            engine.Ok("put", "images", tmp["first"]);
            int HashJobs() =>
                engine.Ok("job", "list", "-p", "hash").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            WaitFor(() => HashJobs() == 2);
            var refused = engine.Ok(3, "run");
            Assert.Contains("another imgeda run or watch is working", refused.Stderr);
            engine.Ok("put", "images", tmp["second"]);
            WaitFor(() => HashJobs() == 3);
            var job = engine.LastJob("hash");
            Assert.Equal((2, 3), ((int)job["datums"]!["processed"]!, (int)job["datums"]!["skipped"]!));
        }
        finally
        {
            Processes.Run("kill", ["-TERM", watch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        Assert.True(watch.WaitForExit(30_000), "watch did not stop on SIGTERM");
        Assert.Equal(0, watch.ExitCode);
        Assert.Contains("every pipeline is up to date", engine.Ok("run").Stderr);
    }

    [Fact]
    public void A_changed_option_reprocesses_an_unchanged_spec_never_does_and_reprocess_forces_it()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["images"], RepoPaths.SampleFiles.Take(4));
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.Ok("repo", "create", "images");
        engine.Ok("put", "images", tmp["images"]);
        var spec = File.ReadAllText(Path.Combine(RepoPaths.Root, "pipelines", "pachyderm", "analyze.json"));
        File.WriteAllText(tmp["analyze.json"], spec);
        engine.Ok("pipeline", "create", "-f", tmp["analyze.json"]);
        engine.Ok("run");
        var before = engine.Contents("analyze", tmp.Path);

        engine.Ok("pipeline", "update", "-f", tmp["analyze.json"]);
        Assert.Contains("every pipeline is up to date", engine.Ok("run").Stderr);

        var darkBelow200 = spec.Replace(
            "\"--skip-folder-datums\"", "\"--skip-folder-datums\", \"--dark-below\", \"200\"");
        File.WriteAllText(tmp["analyze.json"], darkBelow200);
        engine.Ok("pipeline", "update", "-f", tmp["analyze.json"]);
        engine.Ok("run");
        var job = engine.LastJob("analyze");
        Assert.Equal((4, 0), ((int)job["datums"]!["processed"]!, (int)job["datums"]!["skipped"]!));
        var after = engine.Contents("analyze", tmp.Path);
        Assert.Contains(after.Keys,
            k => !k.StartsWith(".imgeda", StringComparison.Ordinal) && !after[k].SequenceEqual(before[k]));

        engine.Ok("run", "--reprocess");
        Assert.Equal(4, (int)engine.LastJob("analyze")["datums"]!["processed"]!);
        OutputTree.AssertIdentical(after, engine.Contents("analyze", tmp.Path));
    }

    [Fact]
    public void A_command_that_cannot_start_fails_its_datums_once_with_what_to_do()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["images"], RepoPaths.SampleFiles.Take(3));
        File.WriteAllText(tmp["missing.json"], """
            {"pipeline": {"name": "missing"}, "input": {"pfs": {"repo": "images", "glob": "/*"}},
             "transform": {"cmd": ["/nowhere/imgeda-nothing"]},
             "metadata": {"annotations": {"imgeda.io/batch-datums": "true"}}}
            """);
        var engine = new EngineHomeUnderTest(tmp["home"]);
        engine.Ok("repo", "create", "images");
        engine.Ok("put", "images", tmp["images"]);
        engine.Ok("pipeline", "create", "-f", tmp["missing.json"]);
        var run = engine.Ok(2, "run");
        Assert.DoesNotContain("one by one", run.Stderr);
        var job = engine.LastJob("missing");
        Assert.Equal((3, 0), ((int)job["datums"]!["failed"]!, (int)job["datums"]!["retried"]!));
        Assert.Contains("cannot start", (string?)job["failed_datums"]![0]!["error"]);
        Assert.Contains("make build", (string?)job["failed_datums"]![0]!["error"]);
    }

    private static void WaitFor(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "timed out waiting for watch to run the job");
            Thread.Sleep(200);
        }
    }

    private static List<string> Manifest(EngineHomeUnderTest engine, TempDir tmp) =>
        Read(engine, "merge:manifest.jsonl", tmp).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string Read(EngineHomeUnderTest engine, string reference, TempDir tmp)
    {
        var dir = tmp[Guid.NewGuid().ToString("N")];
        engine.Ok("get", reference, "-o", dir);
        return File.ReadAllText(Directory.GetFiles(dir).Single());
    }
}
