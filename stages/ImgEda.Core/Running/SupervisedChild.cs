namespace ImgEda.Core.Running;

/// <summary>The worker side of <see cref="CrashSupervisor"/>: journals every datum it starts and ends (so the
/// supervisor knows what was in flight when it died), skips the datums on the poison list, and resumes from the
/// outputs already written.</summary>
public sealed class SupervisedChild
{
    public const string JournalVariable = "IMGEDA_SUPERVISOR_JOURNAL";
    public const string PoisonVariable = "IMGEDA_SUPERVISOR_POISON";
    public const string ResumeVariable = "IMGEDA_SUPERVISOR_RESUME";
    public const string OneWorkerVariable = "IMGEDA_SUPERVISOR_ONE_WORKER";
    public const string SupervisorVariable = "IMGEDA_SUPERVISOR_PID";

    private readonly StreamWriter _journal;
    private readonly Lock _gate = new();

    private SupervisedChild(string journal)
    {
        var journalFile = new FileStream(journal, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        _journal = new StreamWriter(journalFile) { AutoFlush = true };
    }

    public static bool IsChild => Environment.GetEnvironmentVariable(JournalVariable) is { Length: > 0 };

    /// <summary>The child's settings when this process is a supervised worker, else null.</summary>
    public static SupervisedChild? FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(JournalVariable) is not { Length: > 0 } journal) return null;
        ParentDeath.FollowParentNamedIn(SupervisorVariable, ExitStatus.Crashed);
        return new SupervisedChild(journal);
    }

    public RunOptions Apply(RunOptions options) => options with
    {
        Previous = Environment.GetEnvironmentVariable(ResumeVariable) == "1"
            ? Path.Combine(options.PfsRoot, "out")
            : options.Previous,
        Workers = Environment.GetEnvironmentVariable(OneWorkerVariable) == "1" ? 1 : options.Workers,
        Poisoned = ReadPoison(Environment.GetEnvironmentVariable(PoisonVariable)),
    };

    public void Started(string datum) => Write('+', datum);
    public void Ended(string datum) => Write('-', datum);

    private void Write(char kind, string datum)
    {
        lock (_gate) _journal.WriteLine($"{kind}{datum.ReplaceLineEndings("\\n")}");
    }

    /// <summary>Datums started and not ended, in the order they started.</summary>
    public static IReadOnlyList<string> InFlight(string journal)
    {
        var open = new List<string>();
        using var reader = new StreamReader(
            new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { Length: > 1 } line)
        {
            if (line[0] == '+') open.Add(line[1..]);
            else open.Remove(line[1..]);
        }
        return open;
    }

    private static IReadOnlyDictionary<string, string> ReadPoison(string? path) =>
        path is null || !File.Exists(path)
            ? new Dictionary<string, string>()
            : File.ReadLines(path)
                .Select(l => l.Split('\t', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}
