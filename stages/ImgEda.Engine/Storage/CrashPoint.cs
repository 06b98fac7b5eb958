namespace ImgEda.Engine.Storage;

/// <summary>A test switch: with IMGEDA_TEST_CRASH_AT=&lt;name&gt;, the process dies (SIGABRT) when it reaches that
/// point, so the crash-safety tests can hit the instant inside a metadata transaction that a random kill rarely
/// does.</summary>
public static class CrashPoint
{
    public const string Variable = "IMGEDA_TEST_CRASH_AT";

    private static readonly string? Armed = Environment.GetEnvironmentVariable(Variable);

    public static void Reach(string name)
    {
        if (Armed == name) Environment.FailFast($"test crash at {name} ({Variable})");
    }
}
