using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ImgEda.EndToEnd.Tests.Engine;

/// <summary>The real build/bin/imgeda against its own home folder.</summary>
internal sealed class EngineHomeUnderTest(string home)
{
    public string Home { get; } = home;

    public Processes.Result Run(params string[] args) => RunWith(null, args);

    public Processes.Result RunWith(IDictionary<string, string?>? env, params string[] args) =>
        Processes.Run(RepoPaths.Engine, ["--home", Home, .. args], env, timeout: TimeSpan.FromMinutes(10));

    /// <summary>Runs and asserts the exit status, showing what it printed when it differs.</summary>
    public Processes.Result Ok(int expected, params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == expected,
            $"imgeda {string.Join(' ', args)} exited {result.ExitCode}, expected {expected}:\n"
                + $"{result.Stdout}\n{result.Stderr}");
        return result;
    }

    public Processes.Result Ok(params string[] args) => Ok(0, args);

    /// <summary>Starts imgeda without waiting (for kills and watch), in its own process group.</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(RepoPaths.Engine)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--home", Home }.Concat(args)) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    public void CreateChain(string images)
    {
        Ok("repo", "create", "images", "policy");
        Ok("put", "images", images);
        Ok("put", "policy", Path.Combine(RepoPaths.Root, "samples", "policy.yaml"));
        Ok("pipeline", "create", "-f", Path.Combine(RepoPaths.Root, "pipelines", "pachyderm"));
    }

    /// <summary>A commit's files and their bytes, read back with `imgeda get`.</summary>
    public SortedDictionary<string, byte[]> Contents(string reference, string scratch)
    {
        var dir = Path.Combine(scratch, Guid.NewGuid().ToString("N"));
        Ok("get", reference, "-o", dir);
        return OutputTree.Read(dir);
    }

    public JsonNode LastJob(string pipeline)
    {
        var id = Ok("job", "list", "-p", pipeline, "-n", "1").Stdout.Split('\n')[1].Split(' ')[0];
        return JsonNode.Parse(Ok("job", "inspect", id).Stdout)!;
    }

    public List<JsonNode> Jobs(string pipeline) =>
        Ok("job", "list", "-p", pipeline).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => JsonNode.Parse(Ok("job", "inspect", l.Split(' ')[0]).Stdout)!).ToList();
}
