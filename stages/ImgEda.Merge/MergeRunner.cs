using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;

namespace ImgEda.Merge;

/// <summary>merge: one datum over everything — joins the per-image records and writes the dataset's manifest,
/// duplicates, summary and the diff against the previous manifest.</summary>
/// <param name="onlyFolders">Read only these top-level folders of each input (<see cref="ShardListFolders"/>).
/// </param>
public sealed class MergeRunner(DatasetContext context, int nearThreshold, Func<DateTimeOffset>? clock = null,
    IReadOnlySet<string>? onlyFolders = null)
{
    public static readonly string[] OutputFiles =
    [
        "manifest.jsonl", "manifest.csv", "manifest.parquet", "duplicates.json", "leakage.json", "summary.json",
        "diff.json",
    ];

    public int Run()
    {
        var watch = Stopwatch.StartNew();
        var layout = PfsLayout.Open(context.PfsRoot, context.Inputs);
        var previousManifest = context.Previous is null ? null : Path.Combine(context.Previous, "manifest.jsonl");
        if (previousManifest is not null && !File.Exists(previousManifest))
        {
            context.Log.Warn($"--previous: {previousManifest} does not exist; every image counts as added");
            previousManifest = null;
        }
        var previousLines = previousManifest is null ? [] : ManifestWriter.ReadLines(previousManifest);
        var previousImages = ManifestWriter.Images(previousLines);
        // Handed what changed since the previous output (the local engine does), only the changed images are read
        // again.
        var handedChanges = context.Changed is not null;
        var index = handedChanges && context.Previous is { } previousOutput ? RecordIndex.Read(previousOutput) : null;
        context.Log.Debug($"previous output read at {watch.Elapsed.TotalSeconds:F2} s");
        var previousRun = index is null ? null : new RecordCollector.PreviousRun(index, previousImages);
        var collected = RecordCollector.Collect(layout, context.Log.Warn, previousRun, context.Changed, onlyFolders);
        var annotations = AnnotationsJoin.FindInput(layout);
        var images = annotations is null ? collected.Lines
            : AnnotationsJoin.Apply(collected.Lines, layout.InputDirectory(annotations), context.Log.Warn);
        context.Log.Debug($"{images.Count} images at {watch.Elapsed.TotalSeconds:F2} s: " +
                          $"{collected.FilesRead} record files read, " +
                          $"{collected.LinesKept} images' lines kept from the previous manifest");
        // The CSV flattens the lines while the duplicates and the summary read their facts: the two go side by side.
        var csv = Task.Run(() => ManifestWriter.Csv(images));
        var parquet = Task.Run(() => ManifestParquet.Write(images));
        var duplicates = DuplicateFinder.Find(images, nearThreshold);
        context.Log.Debug($"duplicates found at {watch.Elapsed.TotalSeconds:F2} s");
        var leakage = SplitLeakage.Find(images, duplicates);
        var summary = DatasetSummary.Build(images, duplicates);
        LayoutSummary.AddTo(summary, collected.Layout, images, leakage);
        var diff = ManifestDiff.Compare(previousImages, images);
        // Which manifest the diff is against, by when it was made (a path would name the engine's folders).
        diff["previous"] = previousLines.Count == 0 ? null : ManifestWriter.CreatedAt(previousLines[0]);
        context.Log.Debug($"summary and diff done at {watch.Elapsed.TotalSeconds:F2} s");

        var createdAt = clock?.Invoke() ?? DateTimeOffset.UtcNow;
        var recordsPerInput = collected.RecordsPerInput
            .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value));
        var stepVersions = images
            .Select(e => e.StepVersion)
            .OfType<string>()
            .Distinct()
            .Order()
            .Select(v => (JsonNode)v);
        var meta = new JsonObject
        {
            ["created_at"] = createdAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["merge_version"] = StepRunner.StepVersion,
            ["images"] = images.Count,
            ["records_per_input"] = new JsonObject([.. recordsPerInput]),
            ["unreadable_records"] = collected.Unreadable,
            ["step_versions"] = new JsonArray([.. stepVersions]),
        };

        Directory.CreateDirectory(context.Out);
        AtomicFile.Write(Path.Combine(context.Out, "manifest.jsonl"), ManifestWriter.Jsonl(meta, images));
        context.Log.Debug($"manifest.jsonl written at {watch.Elapsed.TotalSeconds:F2} s");
        AtomicFile.Write(Path.Combine(context.Out, "manifest.csv"), csv.GetAwaiter().GetResult());
        context.Log.Debug($"manifest.csv written at {watch.Elapsed.TotalSeconds:F2} s");
        AtomicFile.Write(Path.Combine(context.Out, "manifest.parquet"), parquet.GetAwaiter().GetResult());
        context.Log.Debug($"manifest.parquet written at {watch.Elapsed.TotalSeconds:F2} s");
        AtomicFile.Write(Path.Combine(context.Out, "duplicates.json"),
            JsonSerializer.SerializeToUtf8Bytes(duplicates, MergeJson.Default.DuplicateReport));
        AtomicFile.Write(Path.Combine(context.Out, "leakage.json"),
            JsonSerializer.SerializeToUtf8Bytes(leakage, MergeJson.Default.LeakageReport));
        AtomicFile.Write(Path.Combine(context.Out, "summary.json"),
            JsonSerializer.SerializeToUtf8Bytes(summary, MergeJson.Default.JsonObject));
        AtomicFile.Write(Path.Combine(context.Out, "diff.json"),
            JsonSerializer.SerializeToUtf8Bytes(diff, MergeJson.Default.JsonObject));
        AtomicFile.Write(Path.Combine(context.Out, RecordIndex.RelativePath),
            RecordIndex.Write(layout.Inputs, collected.Index));
        if (annotations is not null) AnnotationsJoin.CopyReport(layout.InputDirectory(annotations), context.Out);
        context.Log.Info($"merged {images.Count} images from {collected.RecordsPerInput.Values.Sum()} records; " +
                         $"{duplicates.Exact.Count} exact and " +
                         $"{duplicates.Near.Count} near-duplicate groups; layout {collected.Layout.Name}, " +
                         $"{leakage.Exact.Count} exact and {leakage.Near.Count} near groups across splits; " +
                         $"{diff["added"]!.AsArray().Count} added, {diff["removed"]!.AsArray().Count} removed, " +
                         $"{diff["changed"]!.AsArray().Count} changed in {watch.Elapsed.TotalSeconds:F1} s");
        return ExitStatus.Done;
    }
}
