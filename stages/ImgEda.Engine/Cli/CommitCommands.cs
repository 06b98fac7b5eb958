using System.CommandLine;
using System.Text.Json.Nodes;
using ImgEda.Core.Running;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Cli;

/// <summary>imgeda commit list|inspect|diff.</summary>
public static class CommitCommands
{
    public static Command Build()
    {
        var repo = new Argument<string>("repo") { Description = "The repo" };
        var format = OutputFormat.Option();
        var list = new Command("list", "A repo's commits, newest first") { repo, format };
        list.SetAction(parse => EngineContext.Guarded(parse, (home, _) =>
        {
            using var db = home.Metadata();
            var repos = new RepoCatalog(db);
            repos.Require(parse.GetValue(repo)!);
            if (OutputFormat.IsJson(parse, format))
            {
                var history = repos.History(parse.GetValue(repo)!);
                OutputFormat.Write(new JsonArray([.. history.Select(c => (JsonNode)new JsonObject
                {
                    ["id"] = c.Id, ["seq"] = c.Seq, ["parent"] = c.Parent, ["created"] = c.Created.ToString("O"),
                    ["files"] = repos.Files(c.Id).Count, ["job"] = c.Job, ["description"] = c.Description,
                })]));
                return ExitStatus.Done;
            }
            Console.WriteLine($"{"COMMIT",-32} {"SEQ",5} {"CREATED",-20} {"FILES",8}  ORIGIN");
            foreach (var c in repos.History(parse.GetValue(repo)!))
            {
                var origin = c.Job is null ? c.Description ?? "put" : $"job {c.Job}";
                var files = repos.Files(c.Id).Count;
                var created = c.Created.UtcDateTime;
                Console.WriteLine($"{c.Id,-32} {c.Seq,5} {created:yyyy-MM-dd HH:mm:ss}  {files,8}  {origin}");
            }
            return ExitStatus.Done;
        }));

        var reference = new Argument<string>("commit") { Description = "REPO[@COMMIT] (default: the head)" };
        var inspect = new Command("inspect",
            "A commit as JSON: parent, files, size, and for an output commit its job and input commits (provenance)")
        {
            reference, OutputFormat.Option("json"),
        };
        inspect.SetAction(parse => EngineContext.Guarded(parse, (home, _) =>
        {
            using var db = home.Metadata();
            var repos = new RepoCatalog(db);
            var commit = CommitReference.Resolve(repos, parse.GetValue(reference)!);
            var files = repos.Files(commit.Id);
            var json = new JsonObject
            {
                ["id"] = commit.Id, ["repo"] = commit.Repo, ["seq"] = commit.Seq, ["parent"] = commit.Parent,
                ["created"] = commit.Created.ToString("O"), ["description"] = commit.Description,
                ["files"] = files.Count, ["size_bytes"] = files.Sum(f => f.Size), ["job"] = commit.Job,
            };
            if (commit.Job is not null)
                json["provenance"] = new JsonArray(new JobCatalog(db, repos).Provenance(commit.Job)
                    .Select(p => (JsonNode)new JsonObject
                    {
                        ["input"] = p.Input,
                        ["repo"] = p.Repo,
                        ["commit"] = p.CommitId,
                    })
                    .ToArray());
            OutputFormat.Write(json);
            return ExitStatus.Done;
        }));

        var from = new Argument<string>("from")
        {
            Description = "REPO@COMMIT: the older side (alone: compared with its parent)",
        };
        var to = new Argument<string?>("to")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "REPO@COMMIT: the newer side",
        };
        var diffFormat = OutputFormat.Option();
        var diff = new Command("diff", "Paths added (+), removed (-) and changed (~) between two commits")
        {
            from, to, diffFormat,
        };
        diff.SetAction(parse => EngineContext.Guarded(parse, (home, _) =>
        {
            using var db = home.Metadata();
            var repos = new RepoCatalog(db);
            var first = CommitReference.Resolve(repos, parse.GetValue(from)!);
            var (older, newer) = parse.GetValue(to) is { } second
                ? (first.Id, CommitReference.Resolve(repos, second).Id)
                : (first.Parent, first.Id);
            var difference = repos.Diff(older, newer);
            if (OutputFormat.IsJson(parse, diffFormat))
            {
                static JsonArray Paths(IEnumerable<string> paths) =>
                    [.. paths.Select(p => (JsonNode?)JsonValue.Create(p))];
                OutputFormat.Write(new JsonObject
                {
                    ["from"] = older, ["to"] = newer, ["added"] = Paths(difference.Added),
                    ["removed"] = Paths(difference.Removed), ["changed"] = Paths(difference.Changed),
                });
                return ExitStatus.Done;
            }
            foreach (var p in difference.Added) Console.WriteLine($"+ {OutputFormat.OneLine(p)}");
            foreach (var p in difference.Removed) Console.WriteLine($"- {OutputFormat.OneLine(p)}");
            foreach (var p in difference.Changed) Console.WriteLine($"~ {OutputFormat.OneLine(p)}");
            return ExitStatus.Done;
        }));
        return new Command("commit", "A repo's commits") { list, inspect, diff };
    }
}
