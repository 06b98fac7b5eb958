using System.Globalization;
using System.Text.Json;

namespace ImgEda.Annotations.Formats;

/// <summary>COCO object detection: annotations/instances_*.json (or a Roboflow *.coco.json), each with `images`
/// (id, file_name, width, height), `annotations` (image_id, category_id, bbox [x, y, width, height] in pixels) and
/// `categories` (id, name). A file is parsed into a JsonDocument straight from the file (pooled buffers, no object per
/// value), so a 450 MB instances_train2017.json costs about its size in memory. An image's file_name is looked for
/// where COCO layouts keep it: beside the annotations folder under the split's name (train2017/x.jpg), under images/
/// (with or without the split), beside the JSON file, at the root; else the one image of that name anywhere.</summary>
public static class CocoReader
{
    private sealed record CocoImage(string FileName, string? Path, int Width, int Height);

    public static ParsedAnnotations Read(DatasetListing listing, ImageSizes sizes)
    {
        var result = new ParsedAnnotations();
        var byName = listing.Images.GroupBy(i => System.IO.Path.GetFileName(i), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var categories = new Dictionary<long, string>();
        foreach (var file in listing.Files.Where(LayoutDetector.IsCocoFile))
        {
            result.AnnotationFiles++;
            try
            {
                using var stream = File.OpenRead(listing.FullPath(file));
                using var document = JsonDocument.Parse(stream);
                ReadDocument(document.RootElement, file, listing, sizes, byName, categories, result);
            }
            catch (JsonException e)
            {
                result.Problems.Add(new Problem(ProblemKinds.MalformedFile, file, (int?)e.LineNumber + 1, null,
                    $"not valid JSON: {e.Message}"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                result.Problems.Add(new Problem(ProblemKinds.MalformedFile, file, null, null,
                    $"unreadable: {e.Message}"));
            }
        }
        result.Classes.AddRange(categories.OrderBy(c => c.Key).Select(c => new DeclaredClass((int)c.Key, c.Value)));
        return result;
    }

    private static void ReadDocument(JsonElement root, string file, DatasetListing listing, ImageSizes sizes,
        Dictionary<string, List<string>> byName, Dictionary<long, string> categories, ParsedAnnotations result)
    {
        void Malformed(string detail) =>
            result.Problems.Add(new Problem(ProblemKinds.MalformedFile, file, null, null, detail));
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("images", out var imageList)
            || imageList.ValueKind != JsonValueKind.Array)
        {
            Malformed("not a COCO file: expected an object with an \"images\" array");
            return;
        }
        var fileCategories = new HashSet<long>();
        if (root.TryGetProperty("categories", out var categoryList) && categoryList.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var category in categoryList.EnumerateArray())
            {
                if (Integer(category, "id") is { } id && Text(category, "name") is { } name)
                {
                    categories.TryAdd(id, name);
                    fileCategories.Add(id);
                }
                else Malformed($"categories[{index}]: needs an integer \"id\" and a \"name\"");
                index++;
            }
        }

        var images = new Dictionary<long, CocoImage>();
        var position = 0;
        foreach (var entry in imageList.EnumerateArray())
        {
            var where = $"images[{position++}]";
            if (Integer(entry, "id") is not { } id || Text(entry, "file_name") is not { Length: > 0 } fileName)
            {
                Malformed($"{where}: needs an integer \"id\" and a \"file_name\"");
                continue;
            }
            var path = Resolve(file, fileName, listing, byName);
            var (declaredWidth, declaredHeight) =
                ((int)(Integer(entry, "width") ?? 0), (int)(Integer(entry, "height") ?? 0));
            var (width, height) = path is null ? (0, 0) : sizes.Of(path);
            if (path is null)
                result.Problems.Add(new Problem(ProblemKinds.LabelWithoutImage, file, null, fileName,
                    $"{where} (id {id}) names {fileName}, which is not in the dataset"));
            else
            {
                result.LabelledImages.TryAdd(path, file);
                if (width > 0 && declaredWidth > 0 && (width, height) != (declaredWidth, declaredHeight))
                    result.Problems.Add(new Problem(ProblemKinds.SizeMismatch, file, null, path,
                        $"{where} says {declaredWidth}x{declaredHeight}, the image is {width}x{height}"));
            }
            if (width == 0) (width, height) = (declaredWidth, declaredHeight);
            images[id] = new CocoImage(fileName, path, width, height);
        }

        if (!root.TryGetProperty("annotations", out var annotations) || annotations.ValueKind != JsonValueKind.Array)
            return;
        position = 0;
        foreach (var annotation in annotations.EnumerateArray())
        {
            var where = $"annotations[{position++}]" + (Integer(annotation, "id") is { } aid ? $" (id {aid})" : "");
            var imageId = Integer(annotation, "image_id");
            var categoryId = Integer(annotation, "category_id");
            var bbox = Bbox(annotation);
            if (imageId is null || categoryId is null || bbox is null)
            {
                Malformed($"{where}: needs an integer \"image_id\" and \"category_id\" and a \"bbox\" of 4 numbers");
                continue;
            }
            if (!images.TryGetValue(imageId.Value, out var image))
            {
                result.Problems.Add(new Problem(ProblemKinds.UnknownImageId, file, null, null,
                    $"{where}: image_id {imageId} is not in this file's images"));
                continue;
            }
            var known = fileCategories.Contains(categoryId.Value);
            if (!known)
                result.Problems.Add(new Problem(ProblemKinds.UnknownClass, file, null, image.Path ?? image.FileName,
                    $"{where}: category_id {categoryId} is not in this file's categories"));
            if (image.Path is null) continue;
            var (x, y, w, h) = bbox.Value;
            var (fw, fh) = (image.Width > 0 ? image.Width : double.NaN, image.Height > 0 ? image.Height : double.NaN);
            var name = categories.GetValueOrDefault(categoryId.Value)
                       ?? categoryId.Value.ToString(CultureInfo.InvariantCulture);
            result.Boxes.Add(new Box(image.Path, name, known, x / fw, y / fh, w / fw, h / fh,
                image.Width, image.Height, file, null, where));
        }
    }

    /// <summary>The dataset path of <paramref name="fileName"/> as a COCO file at <paramref name="jsonFile"/> names it.
    /// </summary>
    private static string? Resolve(string jsonFile, string fileName, DatasetListing listing,
        Dictionary<string, List<string>> byName)
    {
        fileName = fileName.Replace('\\', '/').TrimStart('/');
        var jsonFolder = Folder(jsonFile);
        var annotationsIndex = DatasetListing.FolderIndex(jsonFile, "annotations");
        var candidates = new List<string> { Join(jsonFolder, fileName), fileName };
        if (annotationsIndex >= 0)
        {
            var segments = jsonFile.Split('/');
            var root = string.Join('/', segments.Take(annotationsIndex));
            // instances_train2017.json → train2017
            var stem = System.IO.Path.GetFileNameWithoutExtension(jsonFile);
            var split = stem.Contains('_') ? stem[(stem.IndexOf('_') + 1)..] : stem;
            candidates.InsertRange(0, [Join(root, $"{split}/{fileName}"), Join(root, $"images/{split}/{fileName}"),
                Join(root, $"images/{fileName}"), Join(root, fileName)]);
        }
        if (candidates.FirstOrDefault(listing.IsImageFile) is { } found) return found;
        return byName.TryGetValue(System.IO.Path.GetFileName(fileName), out var same) && same.Count == 1
            ? same[0] : null;
    }

    private static string Folder(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : "";

    private static string Join(string folder, string path) => folder.Length == 0 ? path : $"{folder}/{path}";

    private static long? Integer(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static (double X, double Y, double W, double H)? Bbox(JsonElement annotation)
    {
        if (annotation.ValueKind != JsonValueKind.Object || !annotation.TryGetProperty("bbox", out var bbox)
            || bbox.ValueKind != JsonValueKind.Array || bbox.GetArrayLength() != 4) return null;
        var values = new double[4];
        var i = 0;
        foreach (var value in bbox.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out values[i])
                || !double.IsFinite(values[i])) return null;
            i++;
        }
        return (values[0], values[1], values[2], values[3]);
    }
}
