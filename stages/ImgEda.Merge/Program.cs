using System.CommandLine;
using ImgEda.Core.Running;
using ImgEda.Merge;

var threshold = new Option<int>("--near-threshold")
{
    Description = "Near duplicates: pHash Hamming distance at most this",
    DefaultValueFactory = _ => DuplicateFinder.DefaultThreshold,
}.Between(0, 20);
var shardList = new Option<string?>("--shard-list")
{
    Description = "What --list-shards printed: read only the folders of each input named by its fingerprints " +
                  "(an Argo run's shard outputs)",
    HelpName = "JSON",
};

return StepCommand.RunDataset(args, "merge",
    "Joins the per-image records of every input (analyze, hash, thumbs, ...) by (input, path) " +
    "and writes manifest.jsonl, " +
    "manifest.csv, manifest.parquet, duplicates.json, leakage.json (duplicates across train/val/test), summary.json " +
    "(with the layout: split and label from the paths) and diff.json (against --previous, the previous merge output).",
    [threshold, shardList],
    (parse, context) => new MergeRunner(context, parse.GetValue(threshold), onlyFolders:
        parse.GetValue(shardList) is { } list ? ShardListFolders.Parse(list) : null).Run());
