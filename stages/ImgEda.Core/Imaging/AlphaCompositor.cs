using OpenCvSharp;

namespace ImgEda.Core.Imaging;

/// <summary>An image with transparency as a viewer shows it: composited over one fixed neutral grey, the same for every
/// step (analyze's structure measures, hash, thumbs), so that a shape that lives only in the alpha channel is seen.
/// Mid-grey because hidden RGB is most often black or white: a shape of either stays visible over it.</summary>
public static class AlphaCompositor
{
    /// <summary>The background (BGR, 8-bit) every transparent pixel is composited over.</summary>
    public const byte BackgroundLevel = 128;

    /// <summary>Splits an 8-bit decode with IMREAD_UNCHANGED into BGR colour and alpha (alpha null when the decode has
    /// no alpha channel), and disposes it; grey becomes BGR.</summary>
    public static (Mat Colour, Mat? Alpha) Split(Mat decoded)
    {
        var source = EightBit(decoded);
        var channels = source.Channels();
        if (channels == 3) return (source, null);
        using var owned = source;
        if (channels == 1) return (source.CvtColor(ColorConversionCodes.GRAY2BGR), null);
        if (channels == 4)
        {
            var bgr = source.CvtColor(ColorConversionCodes.BGRA2BGR);
            var a = new Mat();
            Cv2.ExtractChannel(source, a, 3);
            return (bgr, a);
        }
        var planes = source.Split();
        try
        {
            return (planes[0].CvtColor(ColorConversionCodes.GRAY2BGR), planes[^1].Clone());
        }
        finally
        {
            foreach (var plane in planes) plane.Dispose();
        }
    }

    /// <summary>colour·α + background·(1 − α), rounded, as 8-bit BGR.</summary>
    public static Mat Composite(Mat colour, Mat alpha)
    {
        using var weight = new Mat();
        alpha.ConvertTo(weight, MatType.CV_32F, 1.0 / 255);
        using var inverse = new Mat();
        Cv2.Subtract(Scalar.All(1), weight, inverse);
        using var background = new Mat(colour.Size(), MatType.CV_8UC3, Scalar.All(BackgroundLevel));
        var composite = new Mat();
        Cv2.BlendLinear(colour, background, weight, inverse, composite);
        return composite;
    }

    /// <summary>16-bit and floating-point samples scaled to 8 bits, as a viewer shows them; the image itself when
    /// they already are (else it is disposed).</summary>
    public static Mat EightBit(Mat image)
    {
        var scale = image.Depth() switch
        {
            MatType.CV_8U => 0,
            MatType.CV_16U => 1.0 / 257,
            MatType.CV_32F or MatType.CV_64F => 255,
            _ => 1,
        };
        if (scale == 0) return image;
        using (image)
        {
            var eight = new Mat();
            image.ConvertTo(eight, MatType.CV_8UC(image.Channels()), scale);
            return eight;
        }
    }
}
