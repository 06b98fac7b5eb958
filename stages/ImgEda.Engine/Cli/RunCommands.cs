using System.CommandLine;
using ImgEda.Core;
using ImgEda.Core.Running;
using ImgEda.Engine.Jobs;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Cli;

/// <summary>imgeda run|watch: bring the pipelines up to date with their inputs, once or on every new commit.</summary>
public static class RunCommands
{
    private static readonly Option<StepRuntime> Runtime = new("--runtime")
    {
        Description = "process: the steps next to imgeda (else on PATH); "
            + "container: each spec's image with podman or docker",
        DefaultValueFactory = _ => StepRuntime.Process,
    };

    private static readonly Option<bool> Wait = new("--wait")
    {
        Description = "If another run holds the home, wait for it instead of stopping",
    };

    public static IEnumerable<Command> Build() => [Run(), Watch()];

    private static Command Run()
    {
        var pipelines = new Option<string[]>("--pipeline", "-p")
        {
            Description = "Only these pipelines",
            AllowMultipleArgumentsPerToken = true,
        };
        var reprocess = new Option<bool>("--reprocess")
        {
            Description = "Process every datum again, even unchanged ones",
        };
        var command = new Command("run",
            "Run every pipeline whose inputs have new commits, upstream first; exit 2 if a job had failed datums")
        {
            pipelines, reprocess, Runtime, Wait,
        };
        command.SetAction(parse => EngineContext.Guarded(parse, (home, log) =>
        {
            using var hold = Lock(home, parse.GetValue(Wait), log);
            var only = parse.GetValue(pipelines) ?? [];
            using (var db = home.Metadata())
            {
                var catalog = new PipelineCatalog(db, new RepoCatalog(db));
                foreach (var name in only.Where(n => catalog.Get(n) is null))
                    throw new UsageException($"no pipeline named '{name}' (imgeda pipeline list shows them)");
            }
            var scheduler = new PipelineScheduler(home, Launcher(home, parse.GetValue(Runtime), log), log);
            scheduler.CleanAbandonedWork();
            var ran = scheduler.RunPending(parse.GetValue(reprocess), only);
            if (ran.Count == 0) log.Info("every pipeline is up to date");
            return ran.Any(r => r.Status != "success") ? ExitStatus.ProblemsFound : ExitStatus.Done;
        }));
        return command;
    }

    private static Command Watch()
    {
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between looks for new commits",
            DefaultValueFactory = _ => 1.0,
        }.AtLeast(0);
        var command = new Command("watch",
            "Run the pipelines now and on every new commit or pipeline change, until interrupted (Ctrl-C)")
        {
            interval, Runtime, Wait,
        };
        command.SetAction(parse => EngineContext.Guarded(parse, (home, log) =>
        {
            using var hold = Lock(home, parse.GetValue(Wait), log);
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(
                System.Runtime.InteropServices.PosixSignal.SIGTERM,
                c =>
                {
                    c.Cancel = true;
                    stop.Cancel();
                });
            var scheduler = new PipelineScheduler(home, Launcher(home, parse.GetValue(Runtime), log), log);
            scheduler.CleanAbandonedWork();
            log.Info($"watching {home.Root} for new commits (Ctrl-C stops)");
            long? seen = null;
            while (!stop.IsCancellationRequested)
            {
                var mark = scheduler.ChangeMark();
                if (mark != seen)
                {
                    // Taken before the pass: a put landing while it runs moves the mark, and the next look runs again.
                    seen = mark;
                    scheduler.RunPending(reprocess: false, []);
                    continue;
                }
                stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(Math.Max(0.05, parse.GetValue(interval))));
            }
            log.Info("stopped watching");
            return ExitStatus.Done;
        }));
        return command;
    }

    /// <summary>Local processes run in a sandbox where the machine allows one (<see cref="StepSandbox"/>).</summary>
    private static StepLauncher Launcher(EngineHome home, StepRuntime runtime, StepLog log)
    {
        if (runtime != StepRuntime.Process) return new StepLauncher(runtime);
        var sandbox = StepSandbox.Probe(home.Root, home.Work, out var why);
        if (sandbox is null)
            log.Warn($"steps run without a sandbox ({why}): a step can write into its inputs, which are the stored "
                + "files, and its child processes can outlive a killed imgeda; allow user namespaces (unshare -rm) "
                + "to protect them");
        return new StepLauncher(runtime, sandbox: sandbox);
    }

    private static DirectoryLock Lock(EngineHome home, bool wait, StepLog log)
    {
        if (DirectoryLock.TryAcquire(home.Root) is { } held) return held;
        if (!wait)
            throw new BusyException($"another imgeda run or watch is working in {home.Root}; "
                + "wait for it to finish, stop it, or pass --wait");
        log.Info($"another imgeda run or watch is working in {home.Root}; waiting for it");
        return DirectoryLock.Acquire(home.Root);
    }
}
