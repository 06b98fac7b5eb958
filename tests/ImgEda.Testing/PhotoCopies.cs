using OpenCvSharp;

namespace ImgEda.Testing;

/// <summary>The edited copies of a photo that the duplicate tests and the pHash tuning (bench/ImgEda.Bench) build:
/// the photo reduced for speed, and copies cropped by 1-5% per side.</summary>
public static class PhotoCopies
{
    /// <summary>Per side shares of a crop (left, right, top, bottom).</summary>
    public readonly record struct CropShares(double L, double R, double T, double B);

    /// <summary>The kinds of crop: all sides 5%, one side 5%, two adjacent sides 5%, 1% all round, and seeded random
    /// shares of 1-5% on each side.</summary>
    public const int CropKinds = 5;

    /// <summary>The crop of the given kind for photo number <paramref name="index"/>: its one-sided and two-sided crops
    /// take the side (or corner) index mod 4.</summary>
    public static CropShares Crop(int kind, int index, Random random)
    {
        double Share() => 0.01 + 0.04 * random.NextDouble();
        var side = index % 4;
        return kind switch
        {
            0 => new(0.05, 0.05, 0.05, 0.05),
            1 => new(side == 0 ? 0.05 : 0, side == 1 ? 0.05 : 0, side == 2 ? 0.05 : 0, side == 3 ? 0.05 : 0),
            2 => side % 2 == 0 ? new(0.05, 0, 0.05, 0) : new(0, 0.05, 0, 0.05),
            3 => new(0.01, 0.01, 0.01, 0.01),
            _ => new(Share(), Share(), Share(), Share()),
        };
    }

    /// <summary>The part of <paramref name="image"/> left by the crop (a view into it).</summary>
    public static Mat Cropped(Mat image, CropShares crop)
    {
        int left = (int)Math.Round(crop.L * image.Cols), right = (int)Math.Round(crop.R * image.Cols);
        int top = (int)Math.Round(crop.T * image.Rows), bottom = (int)Math.Round(crop.B * image.Rows);
        return image.SubMat(new Rect(left, top, image.Cols - left - right, image.Rows - top - bottom));
    }

    /// <summary>The image at most <paramref name="longSide"/> pixels long (INTER_AREA), so that many copies of many
    /// photos hash quickly.</summary>
    public static Mat AtMost(Mat image, int longSide)
    {
        var scale = Math.Min(1, (double)longSide / Math.Max(image.Cols, image.Rows));
        var size = new Size(Math.Max(1, (int)(image.Cols * scale)), Math.Max(1, (int)(image.Rows * scale)));
        return image.Resize(size, interpolation: InterpolationFlags.Area);
    }
}
