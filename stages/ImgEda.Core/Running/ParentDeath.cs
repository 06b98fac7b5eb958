using System.Globalization;

namespace ImgEda.Core.Running;

/// <summary>A process started by an imgeda parent (the crash supervisor, the local engine) dies with it: a killed
/// parent must not leave a child writing outputs behind it.</summary>
public static class ParentDeath
{
    /// <summary>Set by the local engine to its pid on every step it starts.</summary>
    public const string EngineVariable = "IMGEDA_ENGINE_PID";

    private const int PrSetPdeathsig = 1, SigKill = 9;

    /// <summary>When <paramref name="variable"/> holds a pid, asks the kernel for SIGKILL when the parent dies; and if
    /// the parent is already not that pid (it died before this line ran), exits now with
    /// <paramref name="exitCode"/>.</summary>
    public static void FollowParentNamedIn(string variable, int exitCode)
    {
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } expected) return;
        Libc.Prctl(PrSetPdeathsig, SigKill);
        if (expected != Libc.GetParentProcessId().ToString(CultureInfo.InvariantCulture)) Environment.Exit(exitCode);
    }
}
