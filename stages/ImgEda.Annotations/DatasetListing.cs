using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;

namespace ImgEda.Annotations;

/// <summary>Every file of one dataset input, as paths relative to its root with '/' separators, and which of them are
/// images (by extension: a label file names its image by name, and analyze tells a mislabelled file apart).</summary>
public sealed class DatasetListing
{
    private static readonly HashSet<string> ImageExtensions = Enum.GetValues<ImageFormat>()
        .SelectMany(f => f.Extensions()).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> _images;

    public DatasetListing(string root, IEnumerable<string> files)
    {
        Root = root;
        Files = [.. files.Order(StringComparer.Ordinal)];
        Images = [.. Files.Where(IsImage)];
        _images = new HashSet<string>(Images, StringComparer.Ordinal);
    }

    public string Root { get; }
    public IReadOnlyList<string> Files { get; }
    public IReadOnlyList<string> Images { get; }

    public bool IsImageFile(string path) => _images.Contains(path);

    public string FullPath(string relative) => Path.Combine(Root, relative);

    public static bool IsImage(string path) => ImageExtensions.Contains(Path.GetExtension(path));

    /// <summary>The files of <paramref name="input"/> as the per-image steps see them (DatumScanner: a symbolic link
    /// is followed only when it stays inside the input; one that leaves it is said and skipped, so no file outside
    /// the dataset is ever read), leaving out the steps' bookkeeping (.imgeda) and temporary files.</summary>
    public static DatasetListing Scan(PfsLayout layout, string input, Action<string> skipped)
    {
        var only = PfsLayout.Open(layout.Root, [input]);
        var files = new DatumScanner(only, skipped).Scan().Select(d => d.Path)
            .Where(p => !p.Split('/').Contains(".imgeda")
                        && !Path.GetFileName(p).Contains(AtomicFile.TempMarker, StringComparison.Ordinal));
        return new DatasetListing(layout.InputDirectory(input), files);
    }

    /// <summary>Whether a folder of <paramref name="path"/> (not its file name) is named <paramref name="folder"/>,
    /// ignoring case (Annotations/, annotations/, LABELS/ all occur).</summary>
    public static bool IsUnder(string path, string folder) => FolderIndex(path, folder) >= 0;

    /// <summary>The index of the last folder segment of <paramref name="path"/> named <paramref name="folder"/>
    /// (ignoring case), or -1.</summary>
    public static int FolderIndex(string path, string folder)
    {
        var segments = path.Split('/');
        for (var i = segments.Length - 2; i >= 0; i--)
            if (segments[i].Equals(folder, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
