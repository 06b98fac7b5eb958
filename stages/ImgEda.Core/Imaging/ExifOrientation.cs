namespace ImgEda.Core.Imaging;

/// <summary>EXIF orientation (1-8): how a viewer turns or mirrors the stored pixels to show them.</summary>
public static class ExifOrientation
{
    /// <summary>The direction of a line, <paramref name="storedDegrees"/> from the x axis clockwise (y down) in the
    /// stored pixels, as the image is shown: a quarter turn (5-8) adds 90°, a mirror (2, 4, 5, 7) reverses the angle.
    /// Lines have no sense, so the result is in [0, 180). Without an orientation, or with one outside 1-8, the image
    /// is shown as stored.</summary>
    public static double DisplayedDegrees(double storedDegrees, int? orientation)
    {
        var displayed = orientation switch
        {
            2 or 4 => -storedDegrees,
            5 or 7 => 90 - storedDegrees,
            6 or 8 => storedDegrees + 90,
            _ => storedDegrees,
        };
        return (displayed % 180 + 180) % 180;
    }
}
