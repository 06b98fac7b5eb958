using System.CommandLine;
using ImgEda.Core;
using ImgEda.Core.Running;
using ImgEda.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace ImgEda.Engine.Cli;

/// <summary>What every command shares: the home option, the log, and turning failures into one-line errors and exit
/// statuses (0 done, 1 usage, 2 a job failed, 3 the home is busy, 4 the home cannot be written).</summary>
public static class EngineContext
{
    public const int ExitOk = 0, ExitUsage = 1, ExitJobFailed = 2, ExitBusy = 3, ExitNotWritable = 4;

    public static readonly Option<string?> Home = new("--home")
    {
        Description = $"The engine's folder: metadata and stored files [default: ${EngineHome.Variable}, else ./.imgeda]",
        HelpName = "DIR",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Log more", Recursive = true };

    public static StepLog Log(ParseResult parse) => StepLog.ToStderr("imgeda", parse.GetValue(Verbose));

    /// <summary>Runs a command against the home; bad input becomes a message, never a stack trace.</summary>
    public static int Guarded(ParseResult parse, Func<EngineHome, StepLog, int> run)
    {
        var log = Log(parse);
        try
        {
            return run(EngineHome.Open(EngineHome.Resolve(parse.GetValue(Home))), log);
        }
        catch (UsageException e)
        {
            log.Error(e.Message);
            return ExitUsage;
        }
        catch (HomeBusyException e)
        {
            log.Error(e.Message);
            return ExitBusy;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or SqliteException or OutputNotWritableException)
        {
            log.Error($"{e.Message} (home: {EngineHome.Resolve(parse.GetValue(Home))})");
            return ExitNotWritable;
        }
    }
}
