using ImgEda.Annotations.Formats;

namespace ImgEda.Annotations;

/// <summary>One dataset's annotations, start to end: detect the layout, parse it, check it, and sum it up as
/// annotations.json and one record per image. Nothing here writes; <see cref="AnnotationsRunner"/> does.</summary>
public static class DatasetAnnotations
{
    public sealed record Result(AnnotationsReport Report, IReadOnlyList<ImageAnnotationRecord> Records);

    public static Result Analyze(string input, DatasetListing listing)
    {
        var detected = LayoutDetector.Detect(listing);
        if (detected.Format is not { } format)
            return new Result(new AnnotationsReport
            {
                Input = input, Images = listing.Images.Count,
                UnlabelledImages = listing.Images.Count, UnlabelledPct = listing.Images.Count == 0 ? 0 : 100
            }, []);
        var sizes = new ImageSizes(listing);
        var parsed = format switch
        {
            AnnotationFormat.Coco => CocoReader.Read(listing, sizes),
            AnnotationFormat.Voc => VocReader.Read(listing, sizes),
            _ => YoloReader.Read(listing, sizes),
        };
        var invalid = AnnotationChecks.Run(parsed, listing);
        var byImage = parsed.Boxes.ToLookup(b => b.Image, StringComparer.Ordinal);
        var records = listing.Images.Select(image => new ImageAnnotationRecord(input, image, new ImageAnnotationFacts(
            parsed.LabelledImages.ContainsKey(image), byImage[image].Count(), byImage[image].Count(invalid.Contains),
            [.. byImage[image].Select(b => b.Class).Distinct().Order(StringComparer.Ordinal)]))).ToList();

        var unlabelled = records.Count(r => r.Annotations.Boxes == 0);
        var sized = parsed.Boxes.Where(b => b.HasSize && b.Width > 0 && b.Height > 0).ToList();
        var report = new AnnotationsReport
        {
            Format = format.Name(),
            OtherFormats = [.. detected.Others.Select(f => f.Name())],
            Input = input,
            AnnotationFiles = parsed.AnnotationFiles,
            Images = listing.Images.Count,
            LabelledImages = records.Count(r => r.Annotations.Labelled),
            UnlabelledImages = unlabelled,
            UnlabelledPct = Pct(unlabelled, records.Count),
            Boxes = parsed.Boxes.Count,
            InvalidBoxes = invalid.Count,
            InvalidBoxPct = Pct(invalid.Count, parsed.Boxes.Count),
            Classes = Classes(parsed),
            BoxesPerImage = Distribution.Of([.. records.Select(r => (double)r.Annotations.Boxes)],
                Distribution.PerImage),
            BoxWidth = Distribution.Of([.. sized.Select(b => b.Width)], Distribution.Relative),
            BoxHeight = Distribution.Of([.. sized.Select(b => b.Height)], Distribution.Relative),
            BoxArea = Distribution.Of([.. sized.Select(b => b.Width * b.Height)], Distribution.Relative),
            BoxAspect = Distribution.Of([.. sized.Select(b => b.Aspect).OfType<double>()], Distribution.Aspect),
            ProblemCounts = new SortedDictionary<string, int>(parsed.Problems.GroupBy(p => p.Kind)
                .ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal),
            Problems = [.. parsed.Problems.OrderBy(p => p.Kind, StringComparer.Ordinal)
                .ThenBy(p => p.File ?? p.Image, StringComparer.Ordinal).ThenBy(p => p.Line)
                .ThenBy(p => p.Detail, StringComparer.Ordinal)],
        };
        return new Result(report, records);
    }

    private static double Pct(int n, int total) => total == 0 ? 0 : Math.Round(100.0 * n / total, 2);

    /// <summary>The declared classes in their order, then any other class the boxes use (by name).</summary>
    private static List<ClassCount> Classes(ParsedAnnotations parsed)
    {
        var boxes = parsed.Boxes.GroupBy(b => b.Class, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Boxes: g.Count(), Images: g.Select(b => b.Image).Distinct().Count()),
                StringComparer.Ordinal);
        var declared = parsed.Classes.Select(c => new ClassCount(c.Id, c.Name, true,
            boxes.GetValueOrDefault(c.Name).Images, boxes.GetValueOrDefault(c.Name).Boxes)).ToList();
        var names = declared.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var others = boxes.Where(b => !names.Contains(b.Key)).OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => new ClassCount(int.TryParse(b.Key, out var id) ? id : null,
                b.Key, false, b.Value.Images, b.Value.Boxes));
        return [.. declared, .. others];
    }
}
