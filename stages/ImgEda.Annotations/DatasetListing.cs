using System.IO.Enumeration;
using ImgEda.Core.Imaging;
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

    /// <summary>The files under <paramref name="root"/>, leaving out the steps' bookkeeping (.imgeda) and temporary
    /// files.</summary>
    public static DatasetListing Scan(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        var files = new FileSystemEnumerable<string>(root, (ref FileSystemEntry e) =>
                Path.GetRelativePath(root, e.ToFullPath()).Replace(Path.DirectorySeparatorChar, '/'), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory
                && !e.FileName.Contains(AtomicFile.TempMarker, StringComparison.Ordinal),
            ShouldRecursePredicate = (ref FileSystemEntry e) => !e.FileName.SequenceEqual(".imgeda"),
        };
        return new DatasetListing(root, files);
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
