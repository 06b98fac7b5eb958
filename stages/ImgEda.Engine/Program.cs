using System.CommandLine;
using ImgEda.Engine.Cli;

var root = new RootCommand("""
    imgeda: the local engine. Runs Pachyderm pipeline specs (pipelines/pachyderm/*.json) on one machine with Pachyderm's
    semantics: versioned repos, datums by glob, only new or changed datums processed, provenance, datumTries.

      imgeda repo create images policy
      imgeda put images photos/
      imgeda pipeline create -f pipelines/pachyderm/
      imgeda run            (or: imgeda watch)
      imgeda get plot -o report/

    Exit status: 0 done, 1 usage error, 2 a job had failed datums (or put skipped files, or check found damage),
    3 another run holds the home, 4 the home cannot be written.
    """)
{
    EngineContext.Home,
    EngineContext.Verbose,
    RepoCommands.Build(),
    CommitCommands.Build(),
    PipelineCommands.Build(),
    JobCommands.Build(),
    RepoCommands.Check(),
};
foreach (var command in FileCommands.Build().Concat(RunCommands.Build())) root.Subcommands.Add(command);
return root.Parse(args).Invoke();
