using System.Globalization;
using System.Text;

namespace ImgEda.Annotations.Formats;

/// <summary>YOLO (Ultralytics) labels: one .txt per image, one object per line, `class x_center y_center width height`
/// relative to the image (a segmentation line, `class x1 y1 x2 y2 ...`, counts as its polygon's bounding box). The
/// label of images/a/x.jpg is labels/a/x.txt (the last images/ folder becomes labels/, as Ultralytics maps them), or
/// x.txt beside x.jpg (darknet). Class names come from data.yaml; without one every class id is known by its
/// number.</summary>
public static class YoloReader
{
    public static ParsedAnnotations Read(DatasetListing listing, ImageSizes sizes)
    {
        var result = new ParsedAnnotations();
        var yaml = listing.Files.Where(DataYaml.IsCandidate)
            .OrderBy(f => f.Count(c => c == '/')).ThenBy(f => f, StringComparer.Ordinal).FirstOrDefault();
        List<DeclaredClass>? declared = null;
        if (yaml is not null)
        {
            result.AnnotationFiles++;
            declared = ReadText(listing, yaml) is { } text ? DataYaml.Read(text, yaml, result.Problems) : null;
            if (declared is null && !result.Problems.Any(p => p.File == yaml))
                result.Problems.Add(new Problem(ProblemKinds.MalformedFile, yaml, null, null, "not UTF-8 text"));
            result.Classes.AddRange(declared ?? []);
        }
        var names = declared is { Count: > 0 } ? declared.ToDictionary(c => c.Id!.Value, c => c.Name) : null;

        // By the Ultralytics mapping (images/ → labels/), and by the path with no extension (darknet's x.txt beside
        // x.jpg).
        var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
        var beside = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var image in listing.Images)
        {
            mapped.TryAdd(LabelKey(image, "images"), image);
            beside.TryAdd(Stem(image), image);
        }
        string? ImageOf(string label) =>
            mapped.GetValueOrDefault(LabelKey(label, "labels")) ?? beside.GetValueOrDefault(Stem(label));
        var labels = listing.Files.Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)
                && (LayoutDetector.IsYoloLabelFolderFile(f) || beside.ContainsKey(Stem(f))))
            .ToList();
        var parts = new ParsedAnnotations[labels.Count];
        Parallel.For(0, labels.Count, i =>
            parts[i] = ReadLabelFile(listing, sizes, labels[i], ImageOf(labels[i]), names, declared));
        foreach (var part in parts) result.Add(part);
        return result;
    }

    /// <summary>What an image and its label file have in common: the path with no extension, the last
    /// <paramref name="folder"/> (images or labels) folder written as "\0" (case ignored), so images/a/x.jpg and
    /// labels/a/x.txt meet, and so do a/x.jpg and a/x.txt.</summary>
    internal static string LabelKey(string path, string folder)
    {
        var stem = Stem(path);
        var index = DatasetListing.FolderIndex(stem, folder);
        if (index < 0) return stem;
        var segments = stem.Split('/');
        segments[index] = "\0";
        return string.Join('/', segments);
    }

    private static string Stem(string path) => LayoutDetector.Stem(path);

    private static string? ReadText(DatasetListing listing, string file)
    {
        try
        {
            var bytes = File.ReadAllBytes(listing.FullPath(file));
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (Exception e) when (e is DecoderFallbackException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ParsedAnnotations ReadLabelFile(DatasetListing listing, ImageSizes sizes, string file, string? image,
        IReadOnlyDictionary<int, string>? names, List<DeclaredClass>? declared)
    {
        var part = new ParsedAnnotations { AnnotationFiles = 1 };
        if (image is null)
            part.Problems.Add(new Problem(ProblemKinds.LabelWithoutImage, file, null, null,
                "no image of this name (images/... beside labels/..., or beside the label file)"));
        else part.LabelledImages[image] = file;
        var text = ReadText(listing, file);
        if (text is null)
        {
            part.Problems.Add(new Problem(ProblemKinds.MalformedFile, file, null, image, "not UTF-8 text"));
            return part;
        }
        var (width, height) = image is null ? (0, 0) : sizes.Of(image);
        var (lineNumber, objects) = (0, 0);
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            objects++;
            if (Parse(fields) is not { } parsed)
            {
                part.Problems.Add(new Problem(ProblemKinds.MalformedLine, file, lineNumber, image,
                    $"expected 'class x_center y_center width height' (class an integer, then numbers), or a polygon " +
                    $"'class x1 y1 x2 y2 ...'; got {fields.Length} fields: '{Shortened(line.Trim())}'"));
                continue;
            }
            var (classId, left, top, boxWidth, boxHeight) = parsed;
            var known = names is null || names.ContainsKey(classId);
            if (!known)
                part.Problems.Add(new Problem(ProblemKinds.UnknownClass, file, lineNumber, image,
                    $"class id {classId}; data.yaml names {declared!.Count} classes " +
                    $"({string.Join(", ", declared.Select(c => c.Id))})"));
            if (image is null) continue;
            var name = names?.GetValueOrDefault(classId) ?? classId.ToString(CultureInfo.InvariantCulture);
            part.Boxes.Add(new Box(image, name, known, left, top, boxWidth, boxHeight, width, height, file,
                lineNumber));
        }
        if (objects == 0 && image is not null)
            part.Problems.Add(new Problem(ProblemKinds.EmptyLabelFile, file, null, image,
                "no object: a background image, or its labels were lost"));
        return part;
    }

    private static (int Class, double Left, double Top, double Width, double Height)? Parse(string[] fields)
    {
        if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var classId)) return null;
        var values = new double[fields.Length - 1];
        for (var i = 1; i < fields.Length; i++)
            if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i - 1])
                || !double.IsFinite(values[i - 1])) return null;
        if (values.Length == 4)
        {
            var (x, y, w, h) = (values[0], values[1], values[2], values[3]);
            return (classId, x - w / 2, y - h / 2, w, h);
        }
        // A polygon of at least three points.
        if (values.Length < 6 || values.Length % 2 != 0) return null;
        var xs = values.Where((_, i) => i % 2 == 0).ToArray();
        var ys = values.Where((_, i) => i % 2 == 1).ToArray();
        return (classId, xs.Min(), ys.Min(), xs.Max() - xs.Min(), ys.Max() - ys.Min());
    }

    internal static string Shortened(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
