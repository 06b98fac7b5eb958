using OpenCvSharp;

namespace ImgEda.Testing;

/// <summary>The blurred copies of a photo that the blur tests and the blur tuning (bench/ImgEda.Bench) build: blurred
/// everywhere (Gaussian, motion), and blurred except in the tenth of the image with the most detail.</summary>
public static class BlurredCopies
{
    /// <summary>The directions of <see cref="Motion"/>, in degrees from the x axis (y down): horizontal, vertical,
    /// diagonal, and three angles between them. Motion at any angle is what a camera makes; a measure that judges edges
    /// in fixed orientation bins is weakest for motion halfway between two bins.</summary>
    public static readonly double[] MotionAngles = [0, 90, 45, 22.5, 67.5, 112.5];

    public static int MotionDirections => MotionAngles.Length;

    public static Mat Gaussian(Mat image, double sigma) => image.GaussianBlur(new Size(0, 0), sigma);

    /// <summary>Blurred by a line kernel of <paramref name="length"/> px in direction <paramref name="direction"/> of
    /// <see cref="MotionAngles"/>. The first three are lines of whole pixels (the diagonal one spans
    /// <paramref name="length"/> px in x and in y); the others are drawn anti-aliased, <paramref name="length"/> px
    /// long.</summary>
    public static Mat Motion(Mat image, int length, int direction)
    {
        using var kernel = direction < 3
            ? PixelLine(length, direction)
            : AntiAliasedLine(length, MotionAngles[direction]);
        using var normalised = kernel / Cv2.Sum(kernel).Val0;
        return image.Filter2D(-1, normalised);
    }

    /// <summary>How far <see cref="Motion"/> moves the picture with a line of <paramref name="length"/> px in
    /// <paramref name="direction"/>: its diagonal line spans the length in x and in y.</summary>
    public static double MotionLength(int length, int direction) =>
        MotionAngles[direction] == 45 ? length * Math.Sqrt(2) : length;

    /// <summary>The angle between <paramref name="degrees"/> and the motion's direction, modulo 180°.</summary>
    public static double DirectionError(double degrees, int direction)
    {
        var d = Math.Abs(degrees - MotionAngles[direction]) % 180;
        return Math.Min(d, 180 - d);
    }

    private static Mat PixelLine(int length, int direction)
    {
        var kernel = new Mat(length, length, MatType.CV_32F, Scalar.All(0));
        var c = length / 2;
        var from = direction switch { 0 => new Point(0, c), 1 => new Point(c, 0), _ => new Point(0, 0) };
        var to = direction switch
        {
            0 => new Point(length - 1, c),
            1 => new Point(c, length - 1),
            _ => new Point(length - 1, length - 1),
        };
        Cv2.Line(kernel, from, to, Scalar.All(1));
        return kernel;
    }

    private static Mat AntiAliasedLine(int length, double degrees)
    {
        var side = length | 1;
        using var line = new Mat(side, side, MatType.CV_8U, Scalar.All(0));
        // Anti-aliased lines take end points in fixed point, 8 fractional bits.
        const int shift = 8;
        var half = (length - 1) / 2.0 * (1 << shift);
        var (dx, dy) = (half * Math.Cos(degrees * Math.PI / 180), half * Math.Sin(degrees * Math.PI / 180));
        var centre = side / 2 * (1 << shift);
        var from = new Point((int)Math.Round(centre - dx), (int)Math.Round(centre - dy));
        var to = new Point((int)Math.Round(centre + dx), (int)Math.Round(centre + dy));
        Cv2.Line(line, from, to, Scalar.All(255), 1, LineTypes.AntiAlias, shift);
        var kernel = new Mat();
        line.ConvertTo(kernel, MatType.CV_32F);
        return kernel;
    }

    /// <summary><paramref name="blurred"/> with the rectangle <paramref name="sharp"/> taken from
    /// <paramref name="original"/>.</summary>
    public static Mat SharpOnlyIn(Mat original, Mat blurred, Rect sharp)
    {
        var partial = blurred.Clone();
        using var keep = new Mat(original, sharp);
        using var target = new Mat(partial, sharp);
        keep.CopyTo(target);
        return partial;
    }

    /// <summary>The rectangle of <paramref name="areaShare"/> of the image (its aspect ratio) holding the most edges
    /// (Canny 100/200).</summary>
    public static Rect MostDetailed(Mat bgr, double areaShare)
    {
        using var gray = bgr.CvtColor(ColorConversionCodes.BGR2GRAY);
        using var edges = gray.Canny(100, 200);
        using var sum = new Mat();
        Cv2.Integral(edges, sum, MatType.CV_64F);
        var (w, h) = ((int)(bgr.Cols * Math.Sqrt(areaShare)), (int)(bgr.Rows * Math.Sqrt(areaShare)));
        var best = (Score: -1.0, Rect: new Rect(0, 0, w, h));
        for (int y = 0, rows = bgr.Rows, cols = bgr.Cols; y + h <= rows; y += Math.Max(1, rows / 40))
            for (var x = 0; x + w <= cols; x += Math.Max(1, cols / 40))
            {
                var score = sum.At<double>(y + h, x + w) - sum.At<double>(y, x + w) - sum.At<double>(y + h, x)
                            + sum.At<double>(y, x);
                if (score > best.Score) best = (score, new Rect(x, y, w, h));
            }
        return best.Rect;
    }
}
