using System.Collections.Concurrent;
using ImgEda.Core.Imaging;

namespace ImgEda.Annotations;

/// <summary>Image sizes from their headers (<see cref="ImageProbe"/>: no pixel is decoded), read once per image and
/// safe to ask from several threads. Only the head of a file is read; a header that lies further in (a JPEG whose
/// EXIF block comes first) is looked for in the whole file.</summary>
public sealed class ImageSizes(DatasetListing listing)
{
    private const int HeadBytes = 64 * 1024;
    private readonly ConcurrentDictionary<string, (int Width, int Height)> _sizes = new(StringComparer.Ordinal);

    /// <summary>The image's (width, height), or (0, 0) when the file cannot be read or its header gives no size.
    /// </summary>
    public (int Width, int Height) Of(string image) => _sizes.GetOrAdd(image, Read);

    private (int, int) Read(string image)
    {
        try
        {
            using var stream = File.OpenRead(listing.FullPath(image));
            var head = new byte[(int)Math.Min(HeadBytes, stream.Length)];
            stream.ReadExactly(head);
            var header = ImageProbe.Probe(head);
            if ((header.Width <= 0 || header.IsTruncated) && stream.Length > head.Length)
                header = ImageProbe.Probe(File.ReadAllBytes(listing.FullPath(image)));
            return header.Width > 0 && header.Height > 0 ? (header.Width, header.Height) : (0, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (0, 0);
        }
    }
}
