using System.CommandLine;
using ImgEda.Core.Pfs;

namespace ImgEda.Core.Running;

/// <summary>The command line every per-image step shares (DESIGN.md §3) and its exit statuses.</summary>
public static class StepCommand
{

    private static readonly Option<string?> PfsRoot = new("--pfs")
    {
        Description = "Root holding <input>/ folders and out/ [default: $PFS_ROOT, else /pfs]",
        HelpName = "DIR",
    };
    private static readonly Option<string[]> Input = new("--input")
    {
        Description = "Only read these inputs (repeatable) [default: every folder but out]",
        HelpName = "NAME",
    };
    private static readonly Option<int> Workers = new Option<int>("--workers")
    {
        Description = "Images processed in parallel",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    }.AtLeast(1);
    private static readonly Option<string?> Previous = new("--previous")
    {
        Description = "The previous run's output: unchanged datums are carried over, not recomputed",
        HelpName = "DIR",
    };
    private static readonly Option<bool> Strict = new("--strict")
    {
        Description = "Exit with status 2 when any datum failed or any image is bad",
    };
    private static readonly Option<bool> SkipFolderDatums = new("--skip-folder-datums")
    {
        Description = "Under Pachyderm, write nothing when the datum is a folder: "
            + "with a glob like /** its files are datums of their own",
    };
    private static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Log every datum" };
    private static readonly Option<Shard> ShardOption = new("--shard")
    {
        Description = "Process only shard I of N (a stable slice by path hash), as an Argo fan-out does",
        HelpName = "I/N",
        CustomParser = r =>
        {
            if (Shard.TryParse(r.Tokens.Single().Value, out var shard)) return shard;
            r.AddError($"--shard takes I/N with 0 <= I < N, like 0/8; got '{r.Tokens.Single().Value}'");
            return Shard.All;
        },
        DefaultValueFactory = _ => Shard.All,
    };
    private static readonly Option<int?> ListShards = new("--list-shards")
    {
        Description = "Print the N shards with a content fingerprint each, as JSON (for Argo's withParam), and exit",
        HelpName = "N",
    };
    private static readonly Option<int> DatumTimeout = new Option<int>("--datum-timeout")
    {
        Description = "Seconds one image may take before it counts as hanging the decoder "
            + "(it is then skipped as poison)",
        DefaultValueFactory = _ => 300,
        HelpName = "SECONDS",
    }.AtLeast(1);

    /// <summary>Parses <paramref name="args"/>, builds the processor from the step's own options and runs it.</summary>
    public static int Run(
        string[] args,
        string step,
        string description,
        IReadOnlyList<Option> stepOptions,
        Func<ParseResult, IDatumProcessor> build)
    {
        ParentDeath.FollowParentNamedIn(ParentDeath.EngineVariable, ExitStatus.Crashed);
        var statuses = $"0 done (bad images are recorded, not errors), {ExitStatus.Usage} usage error, "
            + $"{ExitStatus.ProblemsFound} --strict and a datum failed or an image is bad, ";
        Option[] sharedOptions =
        [
            PfsRoot, Input, Workers, Previous, Strict, Verbose, DatumTimeout, ShardOption, ListShards, SkipFolderDatums,
        ];
        var root = Root(description, statuses, sharedOptions.Concat(stepOptions));
        root.SetAction(parse => Execute(parse, args, $"imgeda-{step}", build));
        return root.Parse(args).Invoke();
    }

    /// <summary>For steps that run once over a whole dataset (merge, gate, plot): the shared options --pfs, --input,
    /// --previous and --verbose, and the same exit statuses. <paramref name="run"/> returns the exit status.</summary>
    public static int RunDataset(
        string[] args,
        string step,
        string description,
        IReadOnlyList<Option> stepOptions,
        Func<ParseResult, DatasetContext, int> run)
    {
        ParentDeath.FollowParentNamedIn(ParentDeath.EngineVariable, ExitStatus.Crashed);
        var root = Root(description, $"0 done, {ExitStatus.Usage} usage error, ",
            new Option[] { PfsRoot, Input, Previous, Verbose }.Concat(stepOptions));
        root.SetAction(parse =>
        {
            var log = StepLog.ToStderr($"imgeda-{step}", parse.GetValue(Verbose));
            // The local engine names the previous output and what changed since in the environment (ChangedFiles).
            var engineVariable = Environment.GetEnvironmentVariable(ChangedFiles.PreviousVariable);
            var previousFromEngine = engineVariable is { Length: > 0 } ? engineVariable : null;
            var previous = parse.GetValue(Previous) ?? previousFromEngine;
            var pfsRoot = PfsLayout.ResolveRoot(parse.GetValue(PfsRoot));
            var context = new DatasetContext(pfsRoot, parse.GetValue(Input) ?? [], previous, log)
            {
                Changed = previous is null ? null : ChangedFiles.FromEnvironment(),
            };
            return Guarded(log, () => run(parse, context));
        });
        return root.Parse(args).Invoke();
    }

    /// <summary>The command with its options; its help ends with what the /pfs contract and the exit statuses are.
    /// </summary>
    private static RootCommand Root(string description, string ownStatuses, IEnumerable<Option> options)
    {
        var root = new RootCommand(description
            + "\n\nReads /pfs/<input>/** as Pachyderm mounts it and writes /pfs/out. "
            + "Exit status: " + ownStatuses
            + $"{ExitStatus.Busy} another step is writing the output, "
            + $"{ExitStatus.NotWritable} the output cannot be written, "
            + $"{ExitStatus.Crashed} the step crashed without a datum to blame.");
        foreach (var option in options) root.Options.Add(option);
        return root;
    }

    private static int Guarded(StepLog log, Func<int> run) => ExitStatus.Guarded(log, "the output", run);

    private static int Execute(
        ParseResult parse,
        string[] args,
        string program,
        Func<ParseResult, IDatumProcessor> build)
    {
        var options = new RunOptions
        {
            PfsRoot = PfsLayout.ResolveRoot(parse.GetValue(PfsRoot)),
            Inputs = parse.GetValue(Input) ?? [],
            Workers = parse.GetValue(Workers),
            Previous = parse.GetValue(Previous),
            Strict = parse.GetValue(Strict),
            Verbose = parse.GetValue(Verbose),
            Shard = parse.GetValue(ShardOption),
            SkipFolderDatums = parse.GetValue(SkipFolderDatums),
        };
        var log = StepLog.ToStderr(program, options.Verbose);
        if (parse.GetValue(ListShards) is { } shards)
            return Guarded(log, () =>
            {
                if (shards < 1) throw new UsageException("--list-shards must be at least 1");
                var layout = PfsLayout.Open(options.PfsRoot, options.Inputs);
                Console.Out.WriteLine(ShardList.Build(layout, shards, log.Warn).ToJsonString());
                return ExitStatus.Done;
            });
        var timeout = TimeSpan.FromSeconds(parse.GetValue(DatumTimeout));
        return Guarded(log, () => PerImageProcess.Run(options, args, log, timeout, () => build(parse)));
    }
}

/// <summary>What a whole-dataset step gets from the shared command line.</summary>
public sealed record DatasetContext(string PfsRoot, IReadOnlyCollection<string> Inputs, string? Previous, StepLog Log)
{
    public string Out => Path.Combine(PfsRoot, "out");

    /// <summary>What changed in each input since <see cref="Previous"/> was made, when the local engine says
    /// so.</summary>
    public ChangedFiles? Changed { get; init; }
}
