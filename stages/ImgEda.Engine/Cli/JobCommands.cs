using System.CommandLine;
using System.Text.Json.Nodes;
using ImgEda.Core.Running;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Cli;

/// <summary>imgeda job list|inspect.</summary>
public static class JobCommands
{
    public static Command Build()
    {
        var pipeline = new Option<string?>("--pipeline", "-p") { Description = "Only this pipeline's jobs" };
        var count = new Option<int>("--number", "-n")
        {
            Description = "How many, newest first",
            DefaultValueFactory = _ => 50,
        }.AtLeast(1);
        var format = OutputFormat.Option();
        var list = new Command("list", "Jobs, newest first: datums processed, skipped, failed and retried, and time")
        {
            pipeline, count, format,
        };
        list.SetAction(parse => EngineContext.Guarded(parse, (home, _) =>
        {
            using var db = home.Metadata();
            var jobs = new JobCatalog(db, new RepoCatalog(db)).List(parse.GetValue(pipeline), parse.GetValue(count));
            if (OutputFormat.IsJson(parse, format))
            {
                OutputFormat.Write(new JsonArray([.. jobs.Select(j => (JsonNode)Summary(j))]));
                return ExitStatus.Done;
            }
            Console.WriteLine($"{"JOB",-32} {"PIPELINE",-12} {"STATE",-8} " +
                              $"{"PROCESSED",9} {"SKIPPED",8} {"FAILED",7} {"RETRIED",8} {"SECONDS",8}  STARTED");
            foreach (var j in jobs)
                Console.WriteLine($"{j.Id,-32} {j.Pipeline,-12} {j.State,-8} " +
                                  $"{j.Processed,9} {j.Skipped,8} {j.Failed,7} {j.Retried,8} " +
                                  $"{j.Seconds,8:F1}  {j.Started[..19]}");
            return ExitStatus.Done;
        }));

        var id = new Argument<string>("job") { Description = "A job id (or the start of one)" };
        var inspectFormat = OutputFormat.Option(fallback: "json");
        var inspect = new Command("inspect",
            "A job as JSON: counts, time, input commits, output commit, failed datums with their errors")
        {
            id, inspectFormat,
        };
        inspect.SetAction(parse => EngineContext.Guarded(parse, (home, _) =>
        {
            using var db = home.Metadata();
            var jobs = new JobCatalog(db, new RepoCatalog(db));
            var job = jobs.Get(parse.GetValue(id)!);
            var json = Summary(job);
            json["inputs"] = new JsonArray([.. jobs.Provenance(job.Id).Select(p =>
                (JsonNode)new JsonObject { ["input"] = p.Input, ["repo"] = p.Repo, ["commit"] = p.CommitId })]);
            json["failed_datums"] = new JsonArray([.. jobs.Datums(job.Id, JobCatalog.Failed).Select(d =>
                (JsonNode)new JsonObject { ["datum"] = d.Datum, ["tries"] = d.Tries, ["error"] = d.Error })]);
            OutputFormat.Write(json);
            return ExitStatus.Done;
        }));
        return new Command("job", "Jobs: one per pipeline per new set of input commits") { list, inspect };
    }

    /// <summary>A job as `job list -o json` and `job inspect` show it: state, datum counts, time.</summary>
    private static JsonObject Summary(JobCatalog.JobInfo job) => new()
    {
        ["id"] = job.Id, ["pipeline"] = job.Pipeline, ["pipeline_version"] = job.PipelineVersion, ["state"] = job.State,
        ["started"] = job.Started, ["seconds"] = Math.Round(job.Seconds, 3),
        ["datums"] = new JsonObject
        {
            ["processed"] = job.Processed, ["skipped"] = job.Skipped,
            ["failed"] = job.Failed, ["retried"] = job.Retried,
        },
        ["error"] = job.Error, ["output_commit"] = job.OutputCommit,
    };
}
