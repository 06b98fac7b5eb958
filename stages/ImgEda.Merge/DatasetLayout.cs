namespace ImgEda.Merge;

/// <summary>How a dataset is laid out, told from its images' input-relative paths alone, and the split and label
/// each image gets from its path (DESIGN.md §4, README "Dataset layouts"):
/// <list type="bullet">
/// <item>split: the first folder, at any depth, named train / training, val / valid / validation or test / testing
/// (any case), as "train", "val" or "test";</item>
/// <item>label: in a classification layout, the folder right under the split, or the top folder when the image has
/// no split.</item>
/// </list>
/// Layouts, first match wins: "yolo" (every image under a folder named images, as YOLO's images/ + labels/),
/// "pascal-voc" (every image under JPEGImages/), "classification-with-splits" (at least half the images with a
/// split sit in a folder under it, at least two such folders), "splits" (some images have a split),
/// "classification" (no split; at least half the images in a top folder, at least two of them), "flat" (nothing
/// recognised: split and label stay null). "At least half", not "all": a stray file beside the class folders gets
/// no label, and does not turn every other image's label off (nor does its removal turn them on).
/// </summary>
public sealed class DatasetLayout
{
    public const string Yolo = "yolo", PascalVoc = "pascal-voc",
        ClassificationWithSplits = "classification-with-splits", Splits = "splits", Classification = "classification",
        Flat = "flat";

    /// <summary>The splits in their usual order (pairs of splits are named in it: "train-test").</summary>
    public static readonly string[] SplitOrder = ["train", "val", "test"];

    private static readonly Dictionary<string, string> SplitFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["train"] = "train", ["training"] = "train",
        ["val"] = "val", ["valid"] = "val", ["validation"] = "val",
        ["test"] = "test", ["testing"] = "test",
    };

    private DatasetLayout(string name, bool labelled) => (Name, _labelled) = (name, labelled);

    private readonly bool _labelled;

    /// <summary>The layout's name, as summary.json and the report give it.</summary>
    public string Name { get; }

    /// <summary>The layout of a dataset whose images have these input-relative paths ('/' between folders).</summary>
    public static DatasetLayout Detect(IEnumerable<string> paths)
    {
        int images = 0, underImages = 0, underVoc = 0, withSplit = 0, splitWithFolder = 0, inTopFolder = 0;
        var classesUnderSplits = new HashSet<string>(StringComparer.Ordinal);
        var topFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            images++;
            var folders = Folders(path);
            if (folders.Any(f => f.Equals("images", StringComparison.OrdinalIgnoreCase))) underImages++;
            if (folders.Any(f => f.Equals("JPEGImages", StringComparison.OrdinalIgnoreCase))) underVoc++;
            var split = SplitIndex(folders);
            if (split >= 0)
            {
                withSplit++;
                if (split + 1 < folders.Length)
                {
                    splitWithFolder++;
                    classesUnderSplits.Add(folders[split + 1]);
                }
            }
            else if (folders.Length > 0)
            {
                inTopFolder++;
                topFolders.Add(folders[0]);
            }
        }
        if (images > 0 && underImages == images) return new DatasetLayout(Yolo, labelled: false);
        if (images > 0 && underVoc == images) return new DatasetLayout(PascalVoc, labelled: false);
        if (withSplit > 0 && 2 * splitWithFolder >= withSplit && classesUnderSplits.Count >= 2)
            return new DatasetLayout(ClassificationWithSplits, labelled: true);
        if (withSplit > 0) return new DatasetLayout(Splits, labelled: false);
        if (images > 0 && 2 * inTopFolder >= images && topFolders.Count >= 2)
            return new DatasetLayout(Classification, labelled: true);
        return new DatasetLayout(Flat, labelled: false);
    }

    /// <summary>The split ("train", "val", "test") and label of the image at <paramref name="path"/> in this layout;
    /// null where the layout says nothing.</summary>
    public (string? Split, string? Label) Place(string path)
    {
        var folders = Folders(path);
        var split = SplitIndex(folders);
        var splitName = split >= 0 ? SplitFolders[folders[split]] : null;
        if (!_labelled) return (splitName, null);
        var label = split >= 0
            ? split + 1 < folders.Length ? folders[split + 1] : null
            : Name == Classification && folders.Length > 0 ? folders[0] : null;
        return (splitName, label);
    }

    /// <summary>The split a folder name stands for, or null.</summary>
    public static string? SplitOf(string folder) => SplitFolders.GetValueOrDefault(folder);

    private static string[] Folders(string path) => path.Split('/')[..^1];

    private static int SplitIndex(string[] folders) => Array.FindIndex(folders, SplitFolders.ContainsKey);
}
