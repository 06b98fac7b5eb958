using ImgEda.Core.Imaging;

namespace ImgEda.Annotations.Tests;

/// <summary>A dataset folder built by a test: real photos (the fetched corpus's JPEGs) copied to the paths a layout
/// wants, and annotation files written beside them. Sizes are the photos' own, read from their headers.</summary>
public sealed class LabelledDataset : IDisposable
{
    private readonly TempDir _dir = new();
    private int _next;

    public string Pfs => _dir["pfs"];
    public string Root => Directory.CreateDirectory(_dir["pfs/images"]).FullName;

    private static readonly Lazy<IReadOnlyList<string>> Photos = new(() =>
        RepoPaths.PhotoFiles.Where(f => f.EndsWith(".jpg", StringComparison.Ordinal)).ToList());

    /// <summary>Copies the next photo to <paramref name="relative"/>; returns its (width, height).</summary>
    public (int Width, int Height) AddImage(string relative)
    {
        var photo = Photos.Value[_next++ % Photos.Value.Count];
        var target = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(photo, target);
        var header = ImageProbe.Probe(File.ReadAllBytes(photo));
        return (header.Width, header.Height);
    }

    public void Write(string relative, string text) => Write(relative, System.Text.Encoding.UTF8.GetBytes(text));

    public void Write(string relative, byte[] bytes)
    {
        var target = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, bytes);
    }

    public DatasetListing Listing() =>
        DatasetListing.Scan(ImgEda.Core.Pfs.PfsLayout.Open(Pfs, ["images"]), "images", _ => { });

    public DatasetAnnotations.Result Analyze() => DatasetAnnotations.Analyze("images", Listing());

    public void Dispose() => _dir.Dispose();
}
