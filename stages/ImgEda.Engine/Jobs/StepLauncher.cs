using System.Diagnostics;
using ImgEda.Core.Running;
using ImgEda.Engine.Specs;

namespace ImgEda.Engine.Jobs;

/// <summary>Runs a pipeline's command over one /pfs folder (inputs + out), the way Pachyderm's worker would: the
/// command from the spec, its environment, PACH_DATUM_ID and a variable per input naming the datum's path, the spec's
/// stdin lines on its standard input. A local process runs in <paramref name="sandbox"/> when the machine allows
/// one.</summary>
public sealed class StepLauncher(StepRuntime runtime, string? containerEngine = null, StepSandbox? sandbox = null)
{
    public StepRuntime Runtime => runtime;

    /// <param name="Timeout">The step is killed (with every process it started) after this long.</param>
    public sealed record Launch(
        string PfsRoot,
        IReadOnlyList<string> Inputs,
        IReadOnlyDictionary<string, string> DatumVariables,
        string LogFile,
        TimeSpan? Timeout = null);

    public sealed record Outcome(int ExitCode, string LogTail, TimeSpan Elapsed = default, bool Started = true)
    {
        public bool Succeeded => Started && ExitCode == 0;
    }

    // Asked only when a step runs in a container: `docker info` can take seconds where docker has no daemon.
    private readonly Lazy<string> _engine = new(() =>
        containerEngine ?? Environment.GetEnvironmentVariable("IMGEDA_CONTAINER_ENGINE") ?? DetectEngine());

    /// <param name="pfsPath">Maps a path under the /pfs root to what the command sees (the same path for a process,
    /// /pfs/... in a container).</param>
    public Outcome Run(PipelineSpec spec, Launch launch)
    {
        ProcessStartInfo info;
        try
        {
            info = runtime == StepRuntime.Process ? ForProcess(spec, launch) : ForContainer(spec, launch);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return CannotStart(spec.Cmd[0], e);
        }
        info.UseShellExecute = false;
        info.RedirectStandardError = true;
        info.RedirectStandardOutput = true;
        // Never the engine's terminal: the spec's stdin lines, then end of input (Pachyderm's worker does the same).
        info.RedirectStandardInput = true;
        using var log = new StreamWriter(launch.LogFile, append: true);
        using var process = new Process { StartInfo = info };
        var gate = new Lock();
        void Append(string? line)
        {
            if (line is null) return;
            lock (gate) log.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return CannotStart(info.FileName, e);
        }
        var clock = Stopwatch.StartNew();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            foreach (var line in spec.Stdin) process.StandardInput.WriteLine(line);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command exited without reading its input: its exit status says how it went.
        }
        if (!process.WaitForExit(launch.Timeout ?? Timeout.InfiniteTimeSpan))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            log.Flush();
            var seconds = launch.Timeout!.Value.TotalSeconds;
            return new Outcome(-1, $"killed after {seconds:0.###} s (the spec's timeout)", clock.Elapsed);
        }
        process.WaitForExit();
        log.Flush();
        return new Outcome(process.ExitCode, Tail(launch.LogFile), clock.Elapsed);
    }

    private ProcessStartInfo ForProcess(PipelineSpec spec, Launch launch)
    {
        var program = ResolveProgram(spec.Cmd[0]);
        // In the sandbox a missing program would be the sandbox's exit status 127: found here, it is "cannot start".
        if (sandbox is not null)
            program = Located(program)
                ?? throw new System.ComponentModel.Win32Exception(2, "No such file or directory");
        var info = new ProcessStartInfo(program);
        foreach (var arg in spec.Cmd.Skip(1)) info.ArgumentList.Add(arg);
        foreach (var (name, value) in spec.Env) info.Environment[name] = value;
        info.Environment["PFS_ROOT"] = launch.PfsRoot;
        foreach (var (name, value) in launch.DatumVariables) info.Environment[name] = value;
        // The step dies with the engine: a killed run leaves no step writing into its work folder. In the sandbox its
        // whole PID namespace does (and its parent is no longer the engine, which our steps would take for a death).
        if (sandbox is not null) sandbox.Wrap(info, Path.Combine(launch.PfsRoot, "out"));
        else info.Environment[ParentDeath.EngineVariable] =
            Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return info;
    }

    private Outcome CannotStart(string program, System.ComponentModel.Win32Exception e) =>
        new(127, $"cannot start {program}: {e.Message}" + (runtime == StepRuntime.Process
            ? " (build the steps with 'make build', put them on PATH, or use --runtime container)"
            : " (install podman or docker, or use --runtime process)"), Started: false);

    private ProcessStartInfo ForContainer(PipelineSpec spec, Launch launch)
    {
        if (spec.Image is null)
            throw new InvalidOperationException($"pipeline {spec.Name} has no transform.image to run in a container");
        var info = new ProcessStartInfo(_engine.Value);
        var runArguments = new[]
        {
            "run", "--rm", "--network", "none", "--read-only", "--tmpfs", "/tmp", "--entrypoint", spec.Cmd[0],
        };
        foreach (var arg in runArguments) info.ArgumentList.Add(arg);
        if (spec.Stdin.Count > 0) info.ArgumentList.Add("-i");
        foreach (var input in launch.Inputs)
        {
            info.ArgumentList.Add("-v");
            info.ArgumentList.Add($"{Path.Combine(launch.PfsRoot, input)}:/pfs/{input}:ro");
        }
        info.ArgumentList.Add("-v");
        info.ArgumentList.Add($"{Path.Combine(launch.PfsRoot, "out")}:/pfs/out");
        var datumVariablesInContainer = launch.DatumVariables.Select(v =>
            KeyValuePair.Create(v.Key, v.Value.Replace(launch.PfsRoot, "/pfs", StringComparison.Ordinal)));
        var variables = spec.Env.Concat(datumVariablesInContainer);
        foreach (var (name, value) in variables)
        {
            info.ArgumentList.Add("-e");
            info.ArgumentList.Add($"{name}={value}");
        }
        info.ArgumentList.Add(spec.Image);
        foreach (var arg in spec.Cmd.Skip(1)) info.ArgumentList.Add(arg);
        return info;
    }

    /// <summary>The spec names the program as the image has it (/opt/imgeda/imgeda-hash); locally the same file name
    /// next to the engine wins, then the path as written, then PATH.</summary>
    internal static string ResolveProgram(string command)
    {
        var name = Path.GetFileName(command);
        var beside = Path.Combine(AppContext.BaseDirectory, name);
        if (File.Exists(beside)) return beside;
        return File.Exists(command) ? command : name;
    }

    /// <summary>The executable a command runs: a path as it is, a bare name looked up on PATH; null if none.</summary>
    private static string? Located(string program)
    {
        if (program.Contains('/')) return File.Exists(program) ? program : null;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists);
    }

    private static string DetectEngine()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is not null && docker.WaitForExit(10_000) && docker.ExitCode == 0) return "docker";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No docker: podman.
        }
        return "podman";
    }

    private static string Tail(string file)
    {
        // A step's last line says why it stopped (the steps end with a summary or the error); a .NET crash ends in a
        // stack frame, so its "Unhandled exception" line says it instead.
        var lines = File.ReadLines(file).Where(l => l.Trim().Length > 0).ToList();
        var crash = lines.FirstOrDefault(l => l.StartsWith("Unhandled exception", StringComparison.Ordinal));
        return (crash ?? lines.LastOrDefault())?.Trim() ?? "no output";
    }
}
