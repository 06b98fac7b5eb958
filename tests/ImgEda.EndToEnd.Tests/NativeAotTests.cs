using System.Text;

namespace ImgEda.EndToEnd.Tests;

/// <summary>The per-image steps are Native AOT programs: no managed assembly beside them, no .NET host to find, and
/// they still load OpenCvSharp's native library from their own folder (the resolver OpenCvRuntime installs).</summary>
public class NativeAotTests
{
    [Theory]
    [MemberData(nameof(StepContractTests.Steps), MemberType = typeof(StepContractTests))]
    public void A_per_image_step_is_a_native_executable_that_decodes_without_a_dotnet_runtime(string step)
    {
        var program = RepoPaths.Step(step);
        var bytes = File.ReadAllBytes(program);
        Assert.True(bytes.AsSpan().StartsWith("\u007fELF"u8), $"{program} is not an ELF executable");
        // A framework-dependent apphost names the host library it loads the runtime through; an AOT program has none.
        Assert.DoesNotContain("libhostfxr", Encoding.Latin1.GetString(bytes));
        Assert.False(File.Exists(program + ".dll"), $"{program}.dll: a managed assembly beside the step");

        using var tmp = new TempDir();
        var pfs = tmp.Pfs("images", [Path.Combine(RepoPaths.Samples, "coffee.png")]);
        var env = new Dictionary<string, string?> { ["DOTNET_ROOT"] = tmp["no-dotnet"], ["PATH"] = "/usr/bin:/bin" };
        var run = Processes.Run(program, ["--pfs", pfs], env: env);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("processed 1 datums (0 bad images recorded)", run.Stderr);
    }
}
