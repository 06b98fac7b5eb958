namespace ImgEda.Core.Running;

/// <summary>What an exit status means, the same for every program (the steps and the engine), and the one place
/// that turns a failure into a one-line error and its status: bad input never ends in a stack trace.</summary>
public static class ExitStatus
{
    public const int Done = 0;

    /// <summary>The command line, a named file, a spec or a policy is wrong; the message says what to do.</summary>
    public const int Usage = 1;

    /// <summary>The work ran to its end and found what a person must look at: a violated policy, failed datums,
    /// bad images under --strict, files not put, damage in the engine's store.</summary>
    public const int ProblemsFound = 2;

    /// <summary>Another process holds the output folder (a step) or the home (the engine).</summary>
    public const int Busy = 3;

    /// <summary>The output or the home cannot be written: permissions, a full disk, a read-only mount.</summary>
    public const int NotWritable = 4;

    /// <summary>The step crashed and no datum could be blamed (CrashSupervisor), or a native library it needs cannot
    /// be loaded (a broken install).</summary>
    public const int Crashed = 5;

    /// <summary>Runs <paramref name="run"/>; a failure is logged as one line and mapped to its status.
    /// <paramref name="written"/> names what the program writes (its output, the engine's home) for the message.
    /// Anything else is a bug and surfaces as one.</summary>
    public static int Guarded(StepLog log, string written, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception thrown) when (Of(Unwrap(thrown), written) is var (status, message))
        {
            log.Error(message);
            return status;
        }
    }

    internal static (int Status, string Message)? Of(Exception e, string written) => e switch
    {
        UsageException => (Usage, e.Message),
        BusyException => (Busy, e.Message),
        // A file the user named (a --list, a --policy, a spec) that is not there: reading, not writing, failed. (A
        // missing folder is not: creating an output under a path that is a file says "could not find a part".)
        FileNotFoundException => (Usage, e.Message),
        OutputNotWritableException => (NotWritable, e.Message),
        UnauthorizedAccessException or IOException => (NotWritable, $"cannot write {written}, stopping: {e.Message}"),
        DllNotFoundException => (Crashed, $"a native library this program needs cannot be loaded ({FirstSentence(e)}): "
            + "it ships beside the program (build/bin, /opt/imgeda in the images); reinstall it, or run the image"),
        _ => null,
    };

    /// <summary>The failure itself: the first of an AggregateException's, and what a type's static constructor hit
    /// (OpenCvSharp loads its native library there).</summary>
    private static Exception Unwrap(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: > 0 } a => Unwrap(a.InnerExceptions[0]),
        TypeInitializationException { InnerException: { } inner } => Unwrap(inner),
        _ => e,
    };

    /// <summary>The message up to its first full stop or line end (.NET's loader appends advice and every path tried).
    /// </summary>
    private static string FirstSentence(Exception e) =>
        e.Message.Split([". ", "\n"], 2, StringSplitOptions.None)[0].Trim().TrimEnd('.');
}

/// <summary>Another process holds what this one must have to itself (a step's output folder, the engine's home).
/// </summary>
public sealed class BusyException(string message) : Exception(message);
