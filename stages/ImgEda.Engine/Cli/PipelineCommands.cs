using System.CommandLine;
using System.Text.Json.Nodes;
using ImgEda.Core;
using ImgEda.Core.Running;
using ImgEda.Engine.Specs;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Cli;

/// <summary>imgeda pipeline create|update|list|inspect|delete, from Pachyderm spec files.</summary>
public static class PipelineCommands
{
    public static Command Build()
    {
        var listFormat = OutputFormat.Option();
        var list = new Command("list", "Pipelines, upstream first, with their inputs and last job") { listFormat };
        list.SetAction(parse => EngineContext.Guarded(parse, (home, _) =>
        {
            using var db = home.Metadata();
            var repos = new RepoCatalog(db);
            var jobs = new JobCatalog(db, repos);
            if (OutputFormat.IsJson(parse, listFormat))
            {
                OutputFormat.Write(new JsonArray([.. new PipelineCatalog(db, repos).InOrder().Select(entry =>
                {
                    var last = jobs.List(entry.Spec.Name, 1).FirstOrDefault();
                    return (JsonNode)new JsonObject
                    {
                        ["name"] = entry.Spec.Name, ["version"] = entry.Version,
                        ["inputs"] = new JsonArray([.. entry.Spec.Input.Leaves().Select(l => (JsonNode)new JsonObject
                        {
                            ["name"] = l.Name, ["repo"] = l.Repo, ["glob"] = l.Glob.Text,
                        })]),
                        ["last_job"] = last is null ? null : new JsonObject
                        {
                            ["id"] = last.Id, ["state"] = last.State, ["processed"] = last.Processed,
                            ["skipped"] = last.Skipped, ["failed"] = last.Failed, ["retried"] = last.Retried,
                        },
                    };
                })]));
                return ExitStatus.Done;
            }
            Console.WriteLine($"{"NAME",-12} {"VERSION",7}  {"INPUT",-40} LAST JOB");
            foreach (var entry in new PipelineCatalog(db, repos).InOrder())
            {
                var last = jobs.List(entry.Spec.Name, 1).FirstOrDefault();
                var input = string.Join(" x ", entry.Spec.Input.Leaves().Select(l => $"{l.Repo}:{l.Glob}"));
                var lastJob = last is null
                    ? "-"
                    : $"{last.State} ({last.Processed} processed, {last.Skipped} skipped, {last.Failed} failed)";
                Console.WriteLine($"{entry.Spec.Name,-12} {entry.Version,7}  {input,-40} {lastJob}");
            }
            return ExitStatus.Done;
        }));

        var name = new Argument<string>("name") { Description = "The pipeline" };
        var inspect = new Command("inspect", "A pipeline's spec and version as JSON")
        {
            name, OutputFormat.Option("json"),
        };
        inspect.SetAction(parse => EngineContext.Guarded(parse, (home, _) =>
        {
            using var db = home.Metadata();
            var entry = new PipelineCatalog(db, new RepoCatalog(db)).Get(parse.GetValue(name)!)
                ?? throw new UsageException($"no pipeline named {parse.GetValue(name)}");
            var json = new JsonObject
            {
                ["name"] = entry.Spec.Name,
                ["version"] = entry.Version,
                ["created"] = entry.Created,
                ["updated"] = entry.Updated,
                ["spec"] = JsonNode.Parse(entry.Spec.Json),
            };
            OutputFormat.Write(json);
            return ExitStatus.Done;
        }));

        var delete = new Command("delete", "Remove a pipeline (its output repo and commits stay)") { name };
        delete.SetAction(parse => EngineContext.Guarded(parse, (home, log) =>
        {
            using var db = home.Metadata();
            new PipelineCatalog(db, new RepoCatalog(db)).Delete(parse.GetValue(name)!);
            log.Info($"deleted pipeline {parse.GetValue(name)}");
            return ExitStatus.Done;
        }));
        return new Command("pipeline", "Pipelines from Pachyderm spec files (pipelines/pachyderm/*.json)")
        {
            Save(update: false), Save(update: true), list, inspect, delete,
        };
    }

    private static Command Save(bool update)
    {
        var files = new Option<string[]>("--file", "-f")
        {
            Description = "Spec files, or folders of *.json specs",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            HelpName = "SPEC",
        };
        var description = update
            ? "Replace pipelines' specs (a changed transform reprocesses on the next run)"
            : "Create pipelines (and their output repos) from spec files";
        var command = new Command(update ? "update" : "create", description) { files };
        command.SetAction(parse => EngineContext.Guarded(parse, (home, log) =>
        {
            var specs = SpecFiles.Read(parse.GetValue(files)!);
            using var db = home.Metadata();
            var pipelines = new PipelineCatalog(db, new RepoCatalog(db));
            // All or none: a folder of specs either lands whole or not at all.
            db.InTransaction(() =>
            {
                foreach (var spec in specs)
                {
                    var version = pipelines.Save(spec, update);
                    log.Info($"{(update ? "updated" : "created")} pipeline {spec.Name} (version {version})");
                }
            });
            return ExitStatus.Done;
        }));
        return command;
    }
}
