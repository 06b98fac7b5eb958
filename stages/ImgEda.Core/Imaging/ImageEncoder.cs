using OpenCvSharp;

namespace ImgEda.Core.Imaging;

/// <summary>cv::imencode to bytes; a failed encode is an <see cref="OpenCVException"/> like every other OpenCV
/// failure, not a false to check.</summary>
public static class ImageEncoder
{
    /// <summary>PNG; for mostly-zero images (edge maps), level 1 with run-length matching is half the size of the
    /// default strategy at level 1 and several times faster than the default level.</summary>
    public static byte[] Png(Mat image, bool runLengthLevel1 = false) =>
        runLengthLevel1 ? Encode(".png", image, RunLengthLevel1) : Encode(".png", image);

    private static readonly int[] RunLengthLevel1 =
    [
        (int)ImwriteFlags.PngCompression, 1, (int)ImwriteFlags.PngStrategy, (int)ImwritePNGFlags.StrategyRLE,
        PngFilter, PngFilterNone,
    ];

    /// <summary>OpenCV 4.11's IMWRITE_PNG_FILTER and IMWRITE_PNG_FILTER_NONE (imgcodecs.hpp), which OpenCvSharp's
    /// enums do not name yet: an edge map's rows are runs of 0 and 255 that need no prediction, and choosing a row
    /// filter took libpng 15% of edges' CPU.</summary>
    private const int PngFilter = 19, PngFilterNone = 8;

    public static byte[] Jpeg(Mat image, int quality) => Encode(".jpg", image, (int)ImwriteFlags.JpegQuality, quality);

    private static byte[] Encode(string extension, Mat image, params int[] parameters)
    {
        OpenCvRuntime.EnsureLoaded();
        if (!Cv2.ImEncode(extension, image, out var bytes, parameters))
            throw new OpenCVException($"imencode: a {image.Width}x{image.Height} {image.Type()} image as {extension}");
        return bytes;
    }
}
