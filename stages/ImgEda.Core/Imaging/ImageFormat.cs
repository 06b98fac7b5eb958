namespace ImgEda.Core.Imaging;

/// <summary>Container formats told apart by their magic bytes (never by the file extension).</summary>
public enum ImageFormat { Unknown, Jpeg, Png, Gif, Bmp, Tiff, Webp, Pnm, Jpeg2000, Hdr, Exr, SunRaster }

public static class ImageFormatNames
{
    public static string Name(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg2000 => "jpeg2000",
        ImageFormat.SunRaster => "sunraster",
        _ => format.ToString().ToLowerInvariant(),
    };

    /// <summary>File extensions that are normal for the format (lower case, with the dot).</summary>
    public static IReadOnlyList<string> Extensions(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => [".jpg", ".jpeg", ".jpe", ".jfif"],
        ImageFormat.Png => [".png"],
        ImageFormat.Gif => [".gif"],
        ImageFormat.Bmp => [".bmp", ".dib"],
        ImageFormat.Tiff => [".tif", ".tiff"],
        ImageFormat.Webp => [".webp"],
        ImageFormat.Pnm => [".pbm", ".pgm", ".ppm", ".pnm", ".pam"],
        ImageFormat.Jpeg2000 => [".jp2", ".j2k", ".jpf", ".jpx"],
        ImageFormat.Hdr => [".hdr", ".pic"],
        ImageFormat.Exr => [".exr"],
        ImageFormat.SunRaster => [".ras", ".sr"],
        _ => [],
    };
}
