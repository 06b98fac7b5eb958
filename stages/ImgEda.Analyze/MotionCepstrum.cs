using OpenCvSharp;

namespace ImgEda.Analyze;

/// <summary>Linear motion blur read from an image's spectrum.</summary>
/// <param name="Length">How far the image moved, in pixels of the analysed image.</param>
/// <param name="Degrees">Its direction from the x axis (y down), 0 to 180.</param>
/// <param name="Strength">How far the cepstrum's dip stands out from its ring, in median absolute deviations.</param>
public readonly record struct MotionBlur(int Length, double Degrees, double Strength);

/// <summary>Finds linear motion blur by the power cepstrum, the classic way to read a blur kernel off an image: a line
/// kernel of length L multiplies the spectrum by a sinc whose zeros lie every 1/L along the motion, and the inverse
/// transform of the log power spectrum turns those periodic zeros into a dip at lag L in the motion's direction. The
/// picture itself does not make such dips (periodic texture makes peaks), nor does a Gaussian blur (no zeros).
/// The edge measure of <see cref="BlurMeter"/> cannot tell motion between two of its orientation ranges from a region
/// sharp in both; knowing the motion's direction it can (on the tuning half, 24 of 396 motion copies passed as sharp
/// without it, 9 with it, at the same false alarms).</summary>
public static class MotionCepstrum
{
    /// <summary>The log power spectra of windows of this side are summed: 1/9 px⁻¹, the first zero of a 9 px motion,
    /// falls 14 frequency bins out.</summary>
    private const int Window = 128;
    /// <summary>Motion lengths looked for: shorter motion barely blurs; longer motion smears even the edges 15° off
    /// its direction enough for the edge measure alone, and the cepstrum of smooth images has spurious dips out there
    /// (lags of 20-24 px on the tuning half's Gaussian copies).</summary>
    private const int MinLength = 7, MaxLength = 16;
    /// <summary>A dip is motion when it stands this many median absolute deviations below the rest of its ring (the
    /// tuning half's motion copies mostly 10 to 100, its sharp photos mostly below 8).</summary>
    private const double MinStrength = 8;
    /// <summary>Keeps log finite where a window's spectrum is exactly zero (a window of one grey level).</summary>
    private const float PowerFloor = 1e-3f;

    private static readonly float[] Hanning = HanningWindow();
    private static readonly Mat FloorAndOne = new(Window, Window, MatType.CV_32FC2, new Scalar(PowerFloor, 1));

    /// <summary>Per lag length, the cepstrum positions at that distance from the origin in the half plane y >= 0 (the
    /// cepstrum of a real image is symmetric), with their directions.</summary>
    private static readonly (int[] Positions, double[] Degrees)[] Rings = BuildRings();

    /// <summary>The motion blur of <paramref name="gray"/> as read from windows centred on
    /// <paramref name="centres"/>; null when none shows clearly, or the image is smaller than a window.</summary>
    public static MotionBlur? Find(Mat gray, IEnumerable<Point> centres)
    {
        int rows = gray.Rows, cols = gray.Cols;
        if (rows < Window || cols < Window) return null;
        var origins = centres
            .Select(c => new Point(Math.Clamp(c.X - Window / 2, 0, cols - Window),
                Math.Clamp(c.Y - Window / 2, 0, rows - Window)))
            .Distinct().ToList();
        if (origins.Count == 0) return null;
        using var cepstrum = Cepstrum(gray, origins);
        var strongest = StrongestDip(cepstrum.AsSpan<float>());
        return strongest is { Strength: >= MinStrength } ? strongest : null;
    }

    /// <summary>The transform of the windows' summed log power spectra (as interleaved complex values).
    /// </summary>
    private static Mat Cepstrum(Mat gray, IReadOnlyList<Point> origins)
    {
        // Interleaved complex throughout: OpenCV's complex-to-complex transform takes a quarter of the time its
        // real-to-complex one does at this size.
        using var pixels = new Mat(Window, Window, MatType.CV_8UC1);
        using var window = new Mat(Window, Window, MatType.CV_32FC2);
        using var spectrum = new Mat(Window, Window, MatType.CV_32FC2);
        using var power = new Mat(Window, Window, MatType.CV_32FC2);
        using var logPower = new Mat(Window, Window, MatType.CV_32FC2, Scalar.All(0));
        foreach (var origin in origins)
        {
            // A window of a larger image is not contiguous in memory; its copy is.
            using (var roi = new Mat(gray, new Rect(origin, new Size(Window, Window)))) roi.CopyTo(pixels);
            Taper(pixels, window);
            Cv2.Dft(window, spectrum);
            // |F|² + floor as real parts and 1 as imaginary ones, whose log is 0.
            Cv2.MulSpectrums(spectrum, spectrum, power, DftFlags.None, conjB: true);
            Cv2.Add(power, FloorAndOne, power);
            Cv2.Log(power, power);
            Cv2.Add(logPower, power, logPower);
        }
        // The log power spectrum is real and even, so its forward and inverse transforms differ by a scale only (the
        // scale is the same for every lag, and a dip is judged against its ring).
        var cepstrum = new Mat(Window, Window, MatType.CV_32FC2);
        Cv2.Dft(logPower, cepstrum);
        return cepstrum;
    }

    /// <summary>The window's pixels less their mean, times the taper, as the real parts of
    /// <paramref name="complex"/>: without the mean and the taper, the window's own edges would put lines through the
    /// spectrum.</summary>
    private static void Taper(Mat pixels, Mat complex)
    {
        var mean = (float)Cv2.Mean(pixels).Val0;
        var values = complex.AsSpan<float>();
        var bytes = pixels.AsSpan<byte>();
        for (var i = 0; i < bytes.Length; i++)
        {
            values[2 * i] = (bytes[i] - mean) * Hanning[i];
            values[2 * i + 1] = 0;
        }
    }

    /// <summary>Over the lag lengths looked for, the lowest point of the cepstrum's ring against the ring's median.
    /// </summary>
    private static MotionBlur? StrongestDip(ReadOnlySpan<float> cepstrum)
    {
        MotionBlur? strongest = null;
        for (var length = MinLength; length <= MaxLength; length++)
        {
            var (positions, degrees) = Rings[length];
            var values = new double[positions.Length];
            for (var k = 0; k < positions.Length; k++) values[k] = cepstrum[2 * positions[k]];
            var lowest = 0;
            for (var k = 1; k < values.Length; k++)
                if (values[k] < values[lowest]) lowest = k;
            var median = Median(values);
            var deviation = Median(values.Select(v => Math.Abs(v - median)).ToArray());
            if (deviation <= 0) continue;
            var strength = (median - values[lowest]) / deviation;
            if (strongest is null || strength > strongest.Value.Strength)
                strongest = new MotionBlur(length, degrees[lowest], strength);
        }
        return strongest;
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }

    private static float[] HanningWindow()
    {
        using var hanning = new Mat();
        Cv2.CreateHanningWindow(hanning, new Size(Window, Window), MatType.CV_32F);
        return hanning.AsSpan<float>().ToArray();
    }

    private static (int[], double[])[] BuildRings()
    {
        var rings = new (int[], double[])[MaxLength + 1];
        for (var length = MinLength; length <= MaxLength; length++)
        {
            var positions = new List<int>();
            var degrees = new List<double>();
            for (var dy = 0; dy <= length; dy++)
                for (var dx = -length; dx <= length; dx++)
                {
                    var distance = Math.Sqrt(dx * dx + dy * dy);
                    // The half plane y >= 0 without the negative x axis, which is the positive one mirrored.
                    if ((dy == 0 && dx < 0) || Math.Abs(distance - length) >= 0.5) continue;
                    // Lags wrap round: a negative lag is stored at the far end of the row.
                    positions.Add(dy * Window + (dx + Window) % Window);
                    degrees.Add(Math.Atan2(dy, dx) * 180 / Math.PI);
                }
            rings[length] = (positions.ToArray(), degrees.ToArray());
        }
        return rings;
    }
}
