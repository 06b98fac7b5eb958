using Spectre.Console;

namespace ImgEda.Core.Running;

/// <summary>Runs work items in parallel with a live bar on stderr. A bar needs the total, so the items are listed
/// first; callers ask for one only when stderr is a terminal (<see cref="IsWanted"/>): into a log one line is one
/// event, and a bar would be noise.</summary>
public static class ProgressBar
{
    public static bool IsWanted => !Console.IsErrorRedirected;

    public static void ForEach<T>(IEnumerable<T> items, ParallelOptions parallel, string title, Action<T> work)
    {
        var all = items.ToList();
        StepLog.StderrConsole()
            .Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(title, maxValue: all.Count);
                Parallel.ForEach(all, parallel, item =>
                {
                    work(item);
                    task.Increment(1);
                });
            });
    }
}
