using System.Collections.Concurrent;
using ImgEda.Analyze;
using ImgEda.Core.Imaging;
using ImgEda.Core.Pfs;
using ImgEda.Testing;
using OpenCvSharp;

/// <summary>Chooses analyze's blur threshold on one half of the fetched photos (the tuning half unless told otherwise)
/// from copies that are more than the tests build: each photo as it is, a Gaussian copy (sigma 2), motion copies in
/// each of the six directions of BlurredCopies (9 px line), and two copies sharp only in their most detailed tenth
/// (Gaussian or horizontal motion around it), all as JPEG q95. Prints the wrong verdicts at each candidate threshold
/// as a markdown table, then those at the chosen one; exits 2 when the choice differs from analyze's default.
/// The rule: the lowest candidate whose false alarms (sharp photos and sharp-in-a-tenth copies flagged) are no more
/// than at <see cref="ReferenceThreshold"/>, the threshold the verdict had before; a lower threshold catches more
/// motion blur, and it is taken only as far as no good image pays for it.</summary>
public static class BlurTuning
{
    private static readonly double[] Thresholds = [1.1, 1.15, 1.2, 1.25, 1.3, 1.35, 1.4, 1.5];
    private const double ReferenceThreshold = 1.3;

    private static readonly AnalyzeOptions Options = new();
    private static readonly ImageLoader Loader = new();
    private static readonly ImageAnalyzer Analyzer = new(Options, Loader);

    /// <summary>The blur scores of a photo and of its copies (motion: one per direction; partial: Gaussian, motion).
    /// </summary>
    private sealed record Scores(string Name, double Sharp, double Gaussian, double[] Motion, double[] Partial);

    /// <summary>Wrong verdicts at a threshold; <paramref name="MotionMissed"/> per direction of BlurredCopies.
    /// </summary>
    private readonly record struct Errors(int SharpFlagged, int Judged, int GaussianMissed, int[] MotionMissed,
        int PartialFlagged)
    {
        public int FalseAlarms => SharpFlagged + PartialFlagged;
    }

    public static int Run(string half)
    {
        var files = half == "test" ? RepoPaths.TestPhotoFiles : RepoPaths.TuningPhotoFiles;
        var measured = new ConcurrentBag<Scores>();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
        {
            if (Measure(file) is { } scores) measured.Add(scores);
        });
        var photos = measured.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        Console.WriteLine($"{photos.Count} photos of the {half} half ({files.Count} files) have edges to judge\n");
        var angles = string.Join(" / ", BlurredCopies.MotionAngles.Select(a => $"{a}°"));
        Console.WriteLine("| threshold | sharp photos flagged | judged | Gaussian missed | motion missed " +
                          $"({angles}) | partial flagged |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var threshold in Thresholds)
        {
            var e = Count(photos, threshold);
            var motion = $"{e.MotionMissed.Sum()} of {BlurredCopies.MotionDirections * e.Judged} " +
                         $"({string.Join(" / ", e.MotionMissed)})";
            Console.WriteLine($"| {threshold} | {e.SharpFlagged} | {e.Judged} | {e.GaussianMissed} | {motion} | " +
                              $"{e.PartialFlagged} of {2 * e.Judged} |");
        }
        var allowed = Count(photos, ReferenceThreshold).FalseAlarms;
        var chosen = Thresholds.First(t => Count(photos, t).FalseAlarms <= allowed);
        Console.WriteLine($"\nchosen: {chosen} (analyze's --blur-above: {Options.BlurAbove}); wrong verdicts there:");
        foreach (var line in WrongVerdicts(photos, chosen)) Console.WriteLine(line);
        return chosen == Options.BlurAbove ? 0 : 2;
    }

    private static Errors Count(List<Scores> photos, double threshold)
    {
        var judged = photos.Where(p => p.Sharp <= threshold).ToList();
        return new Errors(photos.Count - judged.Count, judged.Count, judged.Count(p => p.Gaussian <= threshold),
            Enumerable.Range(0, BlurredCopies.MotionDirections)
                .Select(d => judged.Count(p => p.Motion[d] <= threshold)).ToArray(),
            judged.Sum(p => p.Partial.Count(s => s > threshold)));
    }

    private static IEnumerable<string> WrongVerdicts(List<Scores> photos, double threshold)
    {
        string[] partialKinds = ["Gaussian", "motion"];
        foreach (var p in photos)
        {
            if (p.Sharp > threshold)
            {
                yield return $"- sharp photo flagged: {p.Name} {p.Sharp}";
                continue;
            }
            if (p.Gaussian <= threshold) yield return $"- Gaussian copy missed: {p.Name} {p.Gaussian}";
            for (var d = 0; d < p.Motion.Length; d++)
            {
                if (p.Motion[d] > threshold) continue;
                yield return $"- motion copy at {BlurredCopies.MotionAngles[d]}° missed: {p.Name} {p.Motion[d]}";
            }
            for (var k = 0; k < p.Partial.Length; k++)
                if (p.Partial[k] > threshold)
                    yield return $"- partial copy ({partialKinds[k]} around) flagged: {p.Name} {p.Partial[k]}";
        }
    }

    /// <summary>The scores of the photo and its copies; null for a photo with no edges to judge or under 64 px, as in
    /// BlurMeterTests. A copy without edges scores 0 (never blurry).</summary>
    private static Scores? Measure(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var sharp = Score(bytes);
        var header = ImageProbe.Probe(bytes);
        if (sharp is null || Math.Min(header.Width, header.Height) < 64) return null;
        // Blur is measured in pixels of the analysis decode: a copy blurred by s there is blurred by s × scale here.
        var scale = ImageLoader.ReduceFactorFor(header, Options.StatsMinLongSide);
        using var loaded = Loader.LoadAsViewed(bytes);
        var picture = loaded.Image!;
        var detail = BlurredCopies.MostDetailed(picture, 0.1);
        using var gaussian = BlurredCopies.Gaussian(picture, 2 * scale);
        var motion = new double[BlurredCopies.MotionDirections];
        double partialMotion = 0;
        for (var direction = 0; direction < motion.Length; direction++)
        {
            using var moved = BlurredCopies.Motion(picture, 9 * scale, direction);
            motion[direction] = ScoreOf(moved);
            if (direction != 0) continue;
            using var partial = BlurredCopies.SharpOnlyIn(picture, moved, detail);
            partialMotion = ScoreOf(partial);
        }
        using var partialGaussian = BlurredCopies.SharpOnlyIn(picture, gaussian, detail);
        return new Scores(Path.GetFileName(file), sharp.Value, ScoreOf(gaussian), motion,
            [ScoreOf(partialGaussian), partialMotion]);
    }

    private static double ScoreOf(Mat copy) => Score(ImageEncoder.Jpeg(copy, 95)) ?? 0;

    private static double? Score(byte[] bytes) =>
        Analyzer.Analyze(new Datum("images", "copy.jpg", "/dev/null"), bytes, "").BlurScore;
}
