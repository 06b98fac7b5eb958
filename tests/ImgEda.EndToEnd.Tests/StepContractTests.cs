namespace ImgEda.EndToEnd.Tests;

/// <summary>The /pfs contract of DESIGN.md §3, run on the built programs (build/bin/imgeda-&lt;step&gt;).</summary>
public class StepContractTests
{
    public static TheoryData<string> Steps => new() { "edges", "analyze", "hash", "thumbs" };

    private static IEnumerable<string> Inputs => RepoPaths.SampleFiles.Concat(BadInputs.Files);

    [Theory]
    [MemberData(nameof(Steps))]
    public void One_process_per_datum_as_Pachyderm_runs_it_gives_the_same_outputs_as_one_run_over_the_folder(
        string step)
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["all/images"], Inputs);
        var whole = Processes.Run(RepoPaths.Step(step), ["--pfs", tmp["all"]]);
        Assert.True(whole.ExitCode == 0, whole.Stderr);

        var perDatum = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (file, i) in Inputs.Select((f, i) => (f, i)))
        {
            var pfs = tmp[$"datum{i}"];
            OutputTree.CopyInto(Path.Combine(pfs, "images"), [file]);
            var env = new Dictionary<string, string?> { ["PFS_ROOT"] = pfs, ["PACH_DATUM_ID"] = $"datum-{i}" };
            var run = Processes.Run(RepoPaths.Step(step), [], env: env);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.DoesNotContain("   at ", run.Stderr);
            foreach (var (path, bytes) in OutputTree.Read(Path.Combine(pfs, "out")))
                Assert.True(perDatum.TryAdd(path, bytes), $"two datums wrote {path}");
        }
        OutputTree.AssertIdentical(OutputTree.Read(tmp["all/out"]), perDatum);
    }

    [Fact]
    public void Files_that_differ_only_in_extension_get_their_own_outputs()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["pfs/images/sub"]);
        File.Copy(Path.Combine(RepoPaths.Samples, "coffee.png"), tmp["pfs/images/sub/a.png"]);
        File.Copy(Path.Combine(RepoPaths.Samples, "rocket.jpg"), tmp["pfs/images/sub/a.jpg"]);
        foreach (var step in new[] { "edges", "analyze", "hash", "thumbs" })
        {
            Assert.Equal(0, Processes.Run(RepoPaths.Step(step), ["--pfs", tmp["pfs"]]).ExitCode);
            var outputs = Directory.GetFiles(tmp["pfs/out/images/sub"]).Select(Path.GetFileName).Order().ToList();
            Assert.Equal(2, outputs.Count);
            Assert.All(outputs, o => Assert.True(o!.StartsWith("a.png.") || o.StartsWith("a.jpg."), o));
            Directory.Delete(tmp["pfs/out"], recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Bad_inputs_each_get_a_record_or_a_log_line_and_the_step_exits_0(string step)
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["pfs/images"], Inputs);
        File.WriteAllText(tmp["secret.jpg"], "outside");
        File.CreateSymbolicLink(tmp["pfs/images/escape.jpg"], tmp["secret.jpg"]);
        var run = Processes.Run(RepoPaths.Step(step), ["--pfs", tmp["pfs"]]);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Contains("images/escape.jpg: symbolic link points outside the input", run.Stderr);
        Assert.Contains("failed 0", run.Stderr);
        // Every stderr line is ours: no raw libjpeg / libpng / OpenCV noise, and the decoders' own lines are kept,
        // naming the image being decoded (page.png carries an ICC profile libpng warns about).
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith($"imgeda-{step}: ", l));
        Assert.Contains(lines, l => l.StartsWith($"imgeda-{step}: warning: decoder: libpng warning: iCCP: ")
                                    && l.Contains("while decoding ") && l.Contains("images/page.png"));
        var outputs = Directory.GetFiles(tmp["pfs/out/images"]).Select(Path.GetFileName).ToHashSet();
        var withOutput = Inputs.Select(Path.GetFileName).Count(n => outputs.Any(o => o!.StartsWith(n + ".")));
        if (step is "analyze" or "hash") Assert.Equal(Inputs.Count(), withOutput);
        // No pixels: truncated.jpg and the 7 undecodable or refused bad inputs.
        else Assert.Equal(Inputs.Count() - 8, withOutput);
        Assert.DoesNotContain(outputs, o => o!.StartsWith("escape"));
    }

    [Fact]
    public void Usage_errors_exit_1_with_a_message_and_no_stack_trace()
    {
        using var tmp = new TempDir();
        var missing = Processes.Run(RepoPaths.Step("analyze"), ["--pfs", tmp["nope"]]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", missing.Stderr);
        var workers = Processes.Run(RepoPaths.Step("analyze"), ["--pfs", tmp.Path, "--workers", "0"]);
        Assert.Equal(1, workers.ExitCode);
        Assert.Contains("--workers must be at least 1", workers.Stderr);
        var unknown = Processes.Run(RepoPaths.Step("edges"), ["--threshhold1", "5"]);
        Assert.Equal(1, unknown.ExitCode);
        foreach (var r in new[] { missing, workers, unknown }) Assert.DoesNotContain("   at ", r.Stderr + r.Stdout);
    }

    /// <summary>A number that does not parse, or one out of its option's bounds (NaN included), is a usage error
    /// with the option's name; an unparsable number used to end in a stack trace and SIGABRT (exit 134).</summary>
    [Theory]
    [InlineData("analyze", "--workers", "abc", "Cannot parse argument 'abc' for option '--workers'")]
    [InlineData("analyze", "--workers", "99999999999", "Cannot parse argument '99999999999'")]
    [InlineData("analyze", "--datum-timeout", "abc", "Cannot parse argument 'abc' for option '--datum-timeout'")]
    [InlineData("thumbs", "--size", "abc", "Cannot parse argument 'abc' for option '--size'")]
    [InlineData("thumbs", "--quality", "101", "--quality must be between 1 and 100; got 101")]
    [InlineData("merge", "--near-threshold", "abc", "Cannot parse argument 'abc' for option '--near-threshold'")]
    [InlineData("analyze", "--blur-above", "NaN", "--blur-above must be between 0 and 100; got NaN")]
    [InlineData("analyze", "--border-min-fraction", "2", "--border-min-fraction must be between 0 and 1; got 2")]
    [InlineData("analyze", "--dark-below", "300", "--dark-below must be between 0 and 255; got 300")]
    [InlineData("hash", "--max-pixels", "-1", "--max-pixels must be at least 1; got -1")]
    [InlineData("edges", "--threshold1", "-5", "--threshold1 must be at least 0; got -5")]
    public void A_bad_number_is_a_usage_error(string step, string option, string value, string message)
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["pfs/images"]);
        var run = Processes.Run(RepoPaths.Step(step), ["--pfs", tmp["pfs"], option, value]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr + run.Stdout);
        Assert.False(Directory.Exists(tmp["pfs/out"]), "a usage error wrote output");
    }

    [Fact]
    public void A_missing_native_library_exits_5_with_one_line_that_says_so()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["pfs/images"], RepoPaths.SampleFiles.Take(1));
        // The step alone, without libOpenCvSharpExtern.so beside it: a broken install.
        var alone = Path.Combine(Directory.CreateDirectory(tmp["bin"]).FullName, "imgeda-edges");
        File.Copy(RepoPaths.Step("edges"), alone);
        File.SetUnixFileMode(alone, File.GetUnixFileMode(RepoPaths.Step("edges")));
        var run = Processes.Run(alone, ["--pfs", tmp["pfs"]]);
        Assert.Equal(5, run.ExitCode);
        Assert.Contains("a native library this program needs cannot be loaded", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr + run.Stdout);
    }

    [Fact]
    public void An_output_that_cannot_be_written_exits_4()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["pfs/images"], RepoPaths.SampleFiles.Take(2));
        File.WriteAllText(tmp["pfs/out"], "a file where the output folder should be");
        var run = Processes.Run(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"], "--input", "images"]);
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("cannot write", run.Stderr);
    }

    [Fact]
    public void Strict_turns_bad_images_into_exit_status_2()
    {
        using var tmp = new TempDir();
        OutputTree.CopyInto(tmp["pfs/images"],
            [BadInputs.File("random_bytes.jpg"), Path.Combine(RepoPaths.Samples, "coffee.png")]);
        Assert.Equal(0, Processes.Run(RepoPaths.Step("analyze"), ["--pfs", tmp["pfs"]]).ExitCode);
        Assert.Equal(2, Processes.Run(RepoPaths.Step("analyze"), ["--pfs", tmp["pfs"], "--strict"]).ExitCode);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Help_describes_the_contract_and_the_options(string step)
    {
        var help = Processes.Run(RepoPaths.Step(step), ["--help"]);
        Assert.Equal(0, help.ExitCode);
        var sharedHelp = new[]
        {
            "--pfs", "--input", "--workers", "--previous", "--strict", "--max-pixels", "Exit status",
        };
        foreach (var option in sharedHelp)
            Assert.Contains(option, help.Stdout);
    }
}
