using System.Diagnostics;
using System.Globalization;

namespace ImgEda.Core.Running;

/// <summary>Runs the step in a child process, so that an image that crashes or hangs the native decoder cannot take the
/// other datums down. The child journals each datum it starts and ends; when it dies (a signal) or a datum runs longer
/// than the timeout, the datum in flight is put on a poison list (skipped and counted as failed, with the reason) and
/// the child is started again, resuming from the outputs already written. With several datums in flight the culprit
/// is unknown, so the child reruns with one worker until the crash repeats. Not used under Pachyderm, which runs a
/// datum per process and retries and fails datums itself.</summary>
public sealed class CrashSupervisor(StepLog log, TimeSpan datumTimeout)
{
    private const int MaxRestarts = 50;

    public static bool ShouldSupervise(RunOptions options) => options.PachDatumId is null && !SupervisedChild.IsChild;

    private const string StatePrefix = "imgeda-supervisor-";

    public int Run(IReadOnlyList<string> args)
    {
        RemoveAbandonedState();
        var state = Directory.CreateTempSubdirectory($"{StatePrefix}{OwnNamespace}-{Environment.ProcessId}-").FullName;
        // Leaving through Environment.Exit (the engine died: ParentDeath) or SIGTERM skips finally blocks; this does
        // not.
        void Remove(object? sender, EventArgs e) => TryDelete(state);
        AppDomain.CurrentDomain.ProcessExit += Remove;
        try
        {
            return Supervise(args, Path.Combine(state, "journal"), Path.Combine(state, "poison"));
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= Remove;
            TryDelete(state);
        }
    }

    /// <summary>State folders of supervisors that were killed (SIGKILL runs no handler). A folder names its
    /// supervisor's PID namespace and id: a process id means nothing in another namespace (a sandboxed step sees
    /// /tmp but not the host's processes), so only folders of this namespace are judged.</summary>
    internal static void RemoveAbandonedState()
    {
        var ours = $"{StatePrefix}{OwnNamespace}-";
        var folders = Directory.EnumerateDirectories(Path.GetTempPath(), ours + "*");
        AbandonedTemporaries.Remove(folders, name => name[ours.Length..].Split('-')[0]);
    }

    /// <summary>This process's PID namespace: the inode `readlink /proc/self/ns/pid` names (`pid:[4026531836]`).
    /// </summary>
    internal static string OwnNamespace { get; } =
        new string((new FileInfo("/proc/self/ns/pid").LinkTarget ?? "").Where(char.IsAsciiDigit).ToArray());

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another user's, or already gone.
        }
    }

    private int Supervise(IReadOnlyList<string> args, string journal, string poison)
    {
        File.WriteAllText(poison, "");
        var oneWorker = false;
        for (var restart = 0; ; restart++)
        {
            File.WriteAllText(journal, "");
            var (exitCode, hung) = RunChild(args, journal, poison, resume: restart > 0, oneWorker);
            if (hung is null && exitCode is >= 0 and < 128) return exitCode;

            var inFlight = hung is not null ? [hung] : SupervisedChild.InFlight(journal);
            var reason = hung is not null
                ? $"decoding took longer than {datumTimeout.TotalSeconds:F0} s (--datum-timeout)"
                : $"the process died ({SignalName(exitCode)})";
            if (inFlight.Count == 0 || restart == MaxRestarts)
            {
                log.Error($"the step stopped: {reason}, with no datum in flight to blame; giving up");
                return ExitStatus.Crashed;
            }
            if (inFlight.Count > 1)
            {
                var datums = string.Join(", ", inFlight);
                log.Warn($"{reason} while decoding {datums}; rerunning with one worker to find the cause");
                oneWorker = true;
                continue;
            }
            File.AppendAllText(poison, $"{inFlight[0].ReplaceLineEndings("\\n")}\t{reason}\n");
            log.Error($"{inFlight[0]}: {reason}; skipped as poison, counted as failed; resuming the others");
            oneWorker = false;
        }
    }

    private (int ExitCode, string? Hung) RunChild(
        IReadOnlyList<string> args,
        string journal,
        string poison,
        bool resume,
        bool oneWorker)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        // The child follows this process (below), not whoever started it.
        info.Environment.Remove(ParentDeath.EngineVariable);
        info.Environment[SupervisedChild.JournalVariable] = journal;
        info.Environment[SupervisedChild.PoisonVariable] = poison;
        var supervisorPid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment[SupervisedChild.SupervisorVariable] = supervisorPid;
        // One malloc heap per core, not glibc's eight per core: each thread the pool adds over a long run otherwise
        // gets a heap of its own that keeps the image buffers it freed (analyze, 2 workers, 30 photos linked 100 /
        // 1,200 times: 344 / 418 MB peak with glibc's default, 285 / 343 MB with this). Only the environment can set
        // it: glibc fixes the limit when the second heap is made, before any code of ours runs. A value set wins.
        var heaps = Math.Max(2, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture);
        if (Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null)
            info.Environment["MALLOC_ARENA_MAX"] = heaps;
        if (resume) info.Environment[SupervisedChild.ResumeVariable] = "1";
        if (oneWorker) info.Environment[SupervisedChild.OneWorkerVariable] = "1";
        using var child = Process.Start(info)
            ?? throw new InvalidOperationException("cannot start the step's worker process");
        var started = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        while (!child.WaitForExit(250))
        {
            var now = DateTime.UtcNow;
            var inFlight = SupervisedChild.InFlight(journal);
            foreach (var datum in started.Keys.Except(inFlight).ToList()) started.Remove(datum);
            foreach (var datum in inFlight) started.TryAdd(datum, now);
            var hung = started.FirstOrDefault(p => now - p.Value > datumTimeout).Key;
            if (hung is null) continue;
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            return (child.ExitCode, hung);
        }
        return (child.ExitCode, null);
    }

    private static string SignalName(int exitCode) => (exitCode - 128) switch
    {
        6 => "SIGABRT",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        7 => "SIGBUS",
        8 => "SIGFPE",
        _ => $"exit status {exitCode}",
    };
}
