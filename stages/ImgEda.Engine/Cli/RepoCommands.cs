using System.CommandLine;
using System.Text.Json.Nodes;
using ImgEda.Core.Running;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Cli;

/// <summary>imgeda repo create|list.</summary>
public static class RepoCommands
{
    public static Command Build()
    {
        var names = new Argument<string[]>("name") { Arity = ArgumentArity.OneOrMore, Description = "Repo names" };
        var create = new Command("create", "Create input repos (a pipeline's output repo is made with the pipeline)")
        {
            names,
        };
        create.SetAction(parse => EngineContext.Guarded(parse, (home, log) =>
        {
            using var db = home.Metadata();
            var repos = new RepoCatalog(db);
            foreach (var name in parse.GetValue(names)!)
            {
                if (repos.Exists(name)) log.Info($"repo {name} exists already");
                else
                {
                    repos.Create(name);
                    log.Info($"created repo {name}");
                }
            }
            return ExitStatus.Done;
        }));

        var format = OutputFormat.Option();
        var list = new Command("list", "List repos: commits, head commit, files and bytes at the head") { format };
        list.SetAction(parse => EngineContext.Guarded(parse, (home, _) =>
        {
            using var db = home.Metadata();
            if (OutputFormat.IsJson(parse, format))
            {
                OutputFormat.Write(new JsonArray([.. new RepoCatalog(db).List().Select(r => (JsonNode)new JsonObject
                {
                    ["name"] = r.Name, ["pipeline"] = r.Pipeline, ["commits"] = r.Commits, ["head"] = r.Head,
                    ["files"] = r.Files, ["size_bytes"] = r.Bytes,
                })]));
                return ExitStatus.Done;
            }
            Console.WriteLine($"{"NAME",-20} {"KIND",-10} {"COMMITS",7} {"HEAD",-12} {"FILES",8} {"SIZE",10}");
            foreach (var r in new RepoCatalog(db).List())
            {
                var kind = r.Pipeline is null ? "input" : "pipeline";
                var head = r.Head?[..12] ?? "-";
                Console.WriteLine(
                    $"{r.Name,-20} {kind,-10} {r.Commits,7} {head,-12} {r.Files,8} {Sizes.Human(r.Bytes),10}");
            }
            return ExitStatus.Done;
        }));
        return new Command("repo", "Versioned repos of files") { create, list };
    }

    public static Command Check()
    {
        var deep = new Option<bool>("--deep")
        {
            Description = "Also read every object and compare its content with its name",
        };
        var check = new Command("check",
            "Verify the home: every commit's files and every datum's outputs are in the object store; exit 2 if not")
        {
            deep,
        };
        check.SetAction(parse => EngineContext.Guarded(parse, (home, log) =>
        {
            using var db = home.Metadata();
            var problems = StoreCheck.Run(db, home.Objects, parse.GetValue(deep));
            foreach (var problem in problems) log.Error(problem);
            log.Info(problems.Count == 0
                ? $"{home.Root} is consistent"
                : $"{problems.Count} problem(s) in {home.Root}");
            return problems.Count == 0 ? ExitStatus.Done : ExitStatus.ProblemsFound;
        }));
        return check;
    }
}
