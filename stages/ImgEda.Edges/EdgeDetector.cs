using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using ImgEda.Core.Running;
using OpenCvSharp;

namespace ImgEda.Edges;

/// <summary>cv2.Canny(cv2.imread(path), t1, t2) on the 3-channel BGR image (as Pachyderm's example does, not on a
/// grayscale copy), written as an 8-bit grayscale PNG at &lt;path&gt;.png.</summary>
public sealed class EdgeDetector(EdgeOptions options, ImageLoader loader) : IDatumProcessor
{
    public string Step => "edges";
    public string OptionsKey => $"{options.Key};max_pixels={loader.MaxPixels}";

    public DatumResult Process(Datum datum, ReadOnlySpan<byte> bytes, string sha256)
    {
        using var loaded = loader.Load(bytes);
        if (loaded.Image is null) return new DatumResult([], $"no edge map: {loaded.Error}");
        return new DatumResult([new DatumOutput(".png", Detect(loaded.Image))], loaded.Error);
    }

    /// <summary>The PNG bytes of the edge map of a decoded image.</summary>
    public byte[] Detect(Mat image)
    {
        using var edges = new Mat();
        Cv2.Canny(image, edges, options.Threshold1, options.Threshold2, options.Aperture, options.L2Gradient);
        return ImageEncoder.Png(edges, runLengthLevel1: true);
    }
}
