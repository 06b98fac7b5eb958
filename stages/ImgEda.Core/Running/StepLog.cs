using Spectre.Console;

namespace ImgEda.Core.Running;

/// <summary>One line per event on stderr, prefixed with the program name; safe to call from every worker.</summary>
public sealed class StepLog(string program, TextWriter writer, bool verbose)
{
    private readonly Lock _gate = new();

    public static StepLog ToStderr(string program, bool verbose) => new(program, Console.Error, verbose);

    /// <summary>Spectre.Console on stderr, with colours and live displays only when stderr is a terminal.</summary>
    public static IAnsiConsole StderrConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Ansi = Console.IsErrorRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsErrorRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        // Into a log (a pipe, a file), a line is one event: never wrap it at 80 columns.
        if (Console.IsErrorRedirected) console.Profile.Width = 1000;
        return console;
    }

    public void Info(string message) => Write("", message);
    public void Warn(string message) => Write("warning: ", message);
    public void Error(string message) => Write("error: ", message);

    public void Debug(string message)
    {
        if (verbose) Write("debug: ", message);
    }

    private void Write(string level, string message)
    {
        // A file name may hold a newline; keep one event on one line.
        var line = $"{program}: {level}{message.ReplaceLineEndings("\\n")}";
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
