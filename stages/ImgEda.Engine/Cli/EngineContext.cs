using System.CommandLine;
using ImgEda.Core;
using ImgEda.Core.Running;
using ImgEda.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace ImgEda.Engine.Cli;

/// <summary>What every command shares: the home option, the log, and failures as one-line errors with the exit
/// statuses every program shares (<see cref="ExitStatus"/>: 0 done, 1 usage, 2 a job failed or files were not put,
/// 3 the home is busy, 4 the home cannot be written).</summary>
public static class EngineContext
{
    public static readonly Option<string?> Home = new("--home")
    {
        Description = "The engine's folder: metadata and stored files "
            + $"[default: ${EngineHome.Variable}, else ./.imgeda]",
        HelpName = "DIR",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Log more", Recursive = true };

    public static StepLog Log(ParseResult parse) => StepLog.ToStderr("imgeda", parse.GetValue(Verbose));

    /// <summary>Runs a command against the home; bad input becomes a message, never a stack trace.</summary>
    public static int Guarded(ParseResult parse, Func<EngineHome, StepLog, int> run)
    {
        var log = Log(parse);
        var home = EngineHome.Resolve(parse.GetValue(Home));
        return ExitStatus.Guarded(log, $"the home {home}", () =>
        {
            try
            {
                return run(EngineHome.Open(home), log);
            }
            catch (SqliteException e)
            {
                throw new OutputNotWritableException($"the home's metadata cannot be used: {e.Message} (home: {home})");
            }
        });
    }
}
