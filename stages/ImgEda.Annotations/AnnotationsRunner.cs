using System.Diagnostics;
using System.Text.Json;
using ImgEda.Core;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;

namespace ImgEda.Annotations;

/// <summary>annotations: one datum over the dataset input (its labels and images together); writes annotations.json
/// and, when the dataset has annotations, image_annotations.jsonl (an image's facts per line) for merge.</summary>
public sealed class AnnotationsRunner(DatasetContext context)
{
    public const string ReportFile = "annotations.json";
    /// <summary>One line per image, for merge (which reads it by this name: AnnotationsJoin).</summary>
    public const string FactsFile = "image_annotations.jsonl";

    public int Run()
    {
        var watch = Stopwatch.StartNew();
        var layout = PfsLayout.Open(context.PfsRoot, context.Inputs);
        if (layout.Inputs.Count != 1)
            throw new UsageException($"annotations reads one dataset (its labels and images together); found " +
                $"{(layout.Inputs.Count == 0 ? "no input" : string.Join(", ", layout.Inputs))} under {layout.Root}: " +
                "choose one with --input");
        var input = layout.Inputs[0];
        var listing = DatasetListing.Scan(layout, input, context.Log.Warn);
        var (report, records) = DatasetAnnotations.Analyze(input, listing);
        context.Log.Debug(
            $"{listing.Files.Count} files, {report.Boxes} boxes parsed at {watch.Elapsed.TotalSeconds:F2} s");

        Directory.CreateDirectory(context.Out);
        if (records.Count > 0) AtomicFile.Write(Path.Combine(context.Out, FactsFile), Jsonl(records));
        AtomicFile.Write(Path.Combine(context.Out, ReportFile),
            JsonSerializer.SerializeToUtf8Bytes(report, AnnotationsJson.Default.AnnotationsReport));
        context.Log.Info(report.Format is null
            ? $"no annotations found (YOLO, COCO or Pascal VOC) among {listing.Files.Count} files; " +
              $"{report.Images} images"
            : $"{report.Format}: {report.AnnotationFiles} annotation files, {report.Images} images " +
              $"({report.UnlabelledImages} without a box), {report.Boxes} boxes ({report.InvalidBoxes} invalid), " +
              $"{report.Classes.Count} classes, {report.Problems.Count} problems in {watch.Elapsed.TotalSeconds:F1} s");
        return ExitStatus.Done;
    }

    private static byte[] Jsonl(IReadOnlyList<ImageAnnotationRecord> records)
    {
        using var buffer = new MemoryStream();
        foreach (var record in records)
        {
            JsonSerializer.Serialize(buffer, record, ImageRecordJson.Default.ImageAnnotationRecord);
            buffer.WriteByte((byte)'\n');
        }
        return buffer.ToArray();
    }
}
