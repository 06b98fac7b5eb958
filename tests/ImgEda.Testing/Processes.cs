using System.Diagnostics;

namespace ImgEda.Testing;

/// <summary>Runs a real process and captures what it printed, and the peak resident memory it reached.</summary>
public static class Processes
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, long PeakRssKb, TimeSpan Elapsed);

    /// <summary>The tests run as root (as CI does); a developer runs them as an ordinary user.</summary>
    public static bool IsRoot { get; } = Environment.UserName == "root";

    /// <summary>Runs <paramref name="file"/> as an ordinary user (nobody, through setpriv, when the tests run as
    /// root, as CI does): root reads anything, so permission bits only count for someone else.</summary>
    public static Result RunAsOrdinaryUser(string file, IEnumerable<string> args)
    {
        if (!IsRoot) return Run(file, args);
        return Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", file, .. args]);
    }

    public static Result Run(
        string file,
        IEnumerable<string> args,
        IDictionary<string, string?>? env = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) info.Environment[k] = v;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, PeakRss(process.Id));
            if (clock.Elapsed > limit)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(' ', args)} ran longer than {limit}");
            }
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result, peak, clock.Elapsed);
    }

    /// <summary>The largest VmHWM (high-water mark of resident memory), in kB, of a running process and its
    /// descendants (a step runs its work in a supervised child); 0 once they are gone.</summary>
    private static long PeakRss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status")
                .FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var own = line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            var children = Directory.GetDirectories($"/proc/{pid}/task")
                .SelectMany(task =>
                    File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(int.Parse);
            return children.Select(PeakRss).Append(own).Max();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
