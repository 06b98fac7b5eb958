using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace ImgEda.Annotations.Formats;

/// <summary>Pascal VOC: one Annotations/&lt;id&gt;.xml per image (filename, size, and an object per box with its
/// name and bndbox xmin ymin xmax ymax in pixels), the images in JPEGImages/ beside Annotations/, and
/// ImageSets/Main/&lt;class&gt;_&lt;set&gt;.txt naming the classes (VOC declares no other class list; without them
/// every class met is known). Pixel coordinates are taken as they are (VOC's 1-based and the 0-based exports both
/// fit in 0..width).</summary>
public static class VocReader
{
    private static readonly string[] SetNames = ["train", "val", "trainval", "test"];

    public static ParsedAnnotations Read(DatasetListing listing, ImageSizes sizes)
    {
        var result = new ParsedAnnotations();
        var declared = DeclaredClasses(listing);
        result.Classes.AddRange(declared.Select(name => new DeclaredClass(null, name)));
        var known = declared.Count == 0 ? null : declared.ToHashSet(StringComparer.Ordinal);
        var files = listing.Files.Where(LayoutDetector.IsVocFile).ToList();
        var parts = new ParsedAnnotations[files.Count];
        Parallel.For(0, files.Count, i => parts[i] = ReadFile(listing, sizes, files[i], known));
        foreach (var part in parts) result.Add(part);
        return result;
    }

    /// <summary>The class names ImageSets/Main/&lt;class&gt;_&lt;set&gt;.txt files give, in name order.</summary>
    private static List<string> DeclaredClasses(DatasetListing listing) =>
        listing.Files.Where(f => DatasetListing.IsUnder(f, "Main") && DatasetListing.IsUnder(f, "ImageSets")
                && f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Where(stem => stem.LastIndexOf('_') is var u and > 0 && SetNames.Contains(stem[(u + 1)..]))
            .Select(stem => stem[..stem.LastIndexOf('_')])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static ParsedAnnotations ReadFile(DatasetListing listing, ImageSizes sizes, string file,
        HashSet<string>? known)
    {
        var part = new ParsedAnnotations { AnnotationFiles = 1 };
        XElement root;
        try
        {
            using var stream = File.OpenRead(listing.FullPath(file));
            // No DTD: an annotation has none, and an entity would be a way to make the reader expand a bomb.
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(stream, settings);
            root = XDocument.Load(reader, LoadOptions.SetLineInfo).Root!;
        }
        catch (XmlException e)
        {
            // Its image is not also unlabelled: it has an annotation, a broken one (found by the XML's name).
            if (Resolve(listing, file, null) is { } named) part.LabelledImages[named] = file;
            part.Problems.Add(new Problem(ProblemKinds.MalformedFile, file, e.LineNumber > 0 ? e.LineNumber : null,
                null,
                $"not well-formed XML: {e.Message}"));
            return part;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            part.Problems.Add(new Problem(ProblemKinds.MalformedFile, file, null, null, $"unreadable: {e.Message}"));
            return part;
        }
        if (root.Name.LocalName != "annotation")
        {
            part.Problems.Add(new Problem(ProblemKinds.MalformedFile, file, Line(root), null,
                $"the root element is <{root.Name.LocalName}>, not <annotation>"));
            return part;
        }
        var fileName = root.Element("filename")?.Value.Trim();
        var image = Resolve(listing, file, fileName);
        if (image is null)
        {
            part.Problems.Add(new Problem(ProblemKinds.LabelWithoutImage, file, Line(root.Element("filename") ?? root),
                fileName, $"no image {fileName ?? Path.GetFileNameWithoutExtension(file) + ".*"} " +
                          "in JPEGImages/ beside Annotations/"));
            return part;
        }
        part.LabelledImages[image] = file;
        var size = root.Element("size");
        var (declaredWidth, declaredHeight) =
            (Number(size?.Element("width")) ?? 0, Number(size?.Element("height")) ?? 0);
        var (width, height) = sizes.Of(image);
        if (width > 0 && declaredWidth > 0 && (width, height) != ((int)declaredWidth, (int)declaredHeight))
            part.Problems.Add(new Problem(ProblemKinds.SizeMismatch, file, Line(size!), image,
                $"<size> says {declaredWidth}x{declaredHeight}, the image is {width}x{height}"));
        if (width == 0) (width, height) = ((int)declaredWidth, (int)declaredHeight);
        var (fw, fh) = (width > 0 ? width : double.NaN, height > 0 ? height : double.NaN);

        foreach (var element in root.Elements("object"))
        {
            var line = Line(element);
            var name = element.Element("name")?.Value.Trim();
            var box = element.Element("bndbox");
            double? xmin = Number(box?.Element("xmin")), ymin = Number(box?.Element("ymin"));
            double? xmax = Number(box?.Element("xmax")), ymax = Number(box?.Element("ymax"));
            if (string.IsNullOrEmpty(name) || xmin is null || ymin is null || xmax is null || ymax is null)
            {
                part.Problems.Add(new Problem(ProblemKinds.MalformedFile, file, line, image,
                    "an <object> needs a <name> and a <bndbox> with numeric xmin, ymin, xmax, ymax"));
                continue;
            }
            var isKnown = known is null || known.Contains(name);
            if (!isKnown)
                part.Problems.Add(new Problem(ProblemKinds.UnknownClass, file, line, image,
                    $"class '{name}' has no ImageSets/Main/{name}_<set>.txt"));
            part.Boxes.Add(new Box(image, name, isKnown, xmin.Value / fw, ymin.Value / fh,
                (xmax.Value - xmin.Value) / fw, (ymax.Value - ymin.Value) / fh,
                width, height, file, line));
        }
        return part;
    }

    /// <summary>JPEGImages/&lt;filename&gt; beside the Annotations folder, else an image of the XML's name there.
    /// </summary>
    private static string? Resolve(DatasetListing listing, string xmlFile, string? fileName)
    {
        var segments = xmlFile.Split('/');
        var index = DatasetListing.FolderIndex(xmlFile, "annotations");
        var root = string.Join('/', segments.Take(index));
        var images = root.Length == 0 ? "JPEGImages" : $"{root}/JPEGImages";
        if (!string.IsNullOrEmpty(fileName) && listing.IsImageFile($"{images}/{fileName}"))
            return $"{images}/{fileName}";
        var stem = $"{images}/{Path.GetFileNameWithoutExtension(xmlFile)}.";
        return listing.Images.FirstOrDefault(i =>
            i.StartsWith(stem, StringComparison.Ordinal) && i.IndexOf('/', stem.Length) < 0);
    }

    private static int? Line(XElement element) =>
        element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

    private static double? Number(XElement? element) =>
        element is not null
        && double.TryParse(element.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
        && double.IsFinite(v) ? v : null;
}
