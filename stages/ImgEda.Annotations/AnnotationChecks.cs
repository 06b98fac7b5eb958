using System.Globalization;

namespace ImgEda.Annotations;

/// <summary>The checks every format shares, on what a reader parsed: a box outside its image or of no area, the same
/// box twice on one image (same class and coordinates to 1e-6 of the image), an image no annotation speaks of.
/// Gives the boxes that are invalid (outside, no area, unknown class) and adds its problems to the reader's.</summary>
public static class AnnotationChecks
{
    /// <summary>How far outside 0..1 a coordinate may be before the box is out of bounds: the rounding of relative
    /// coordinates written with six decimals.</summary>
    private const double Tolerance = 1e-6;

    public static HashSet<Box> Run(ParsedAnnotations parsed, DatasetListing listing)
    {
        var invalid = new HashSet<Box>(ReferenceEqualityComparer.Instance);
        var seen = new Dictionary<(string, string, long, long, long, long), Box>();
        foreach (var box in parsed.Boxes)
        {
            if (!box.KnownClass) invalid.Add(box);
            if (!box.HasSize) continue;
            if (box.Width <= 0 || box.Height <= 0)
            {
                invalid.Add(box);
                parsed.Problems.Add(Found(ProblemKinds.ZeroAreaBox, box,
                    $"width {Fmt(box.Width)}, height {Fmt(box.Height)} (relative to the image)"));
            }
            else if (box.Left < -Tolerance || box.Top < -Tolerance
                     || box.Right > 1 + Tolerance || box.Bottom > 1 + Tolerance)
            {
                invalid.Add(box);
                parsed.Problems.Add(Found(ProblemKinds.OutOfBoundsBox, box,
                    $"spans x {Fmt(box.Left)}..{Fmt(box.Right)}, y {Fmt(box.Top)}..{Fmt(box.Bottom)} " +
                    "of the image's 0..1"));
            }
            var key = (box.Image, box.Class, Micro(box.Left), Micro(box.Top), Micro(box.Right), Micro(box.Bottom));
            if (!seen.TryAdd(key, box))
            {
                var first = seen[key];
                parsed.Problems.Add(Found(ProblemKinds.DuplicateBox, box,
                    $"the same {box.Class} box as {(first.Line is { } l ? $"line {l}" : first.Where)}" +
                    (first.File == box.File ? "" : $" of {first.File}")));
            }
        }
        foreach (var image in listing.Images.Where(i => !parsed.LabelledImages.ContainsKey(i)))
            parsed.Problems.Add(new Problem(ProblemKinds.ImageWithoutLabel, null, null, image,
                "no annotation mentions this image"));
        return invalid;
    }

    private static Problem Found(string kind, Box box, string detail) =>
        new(kind, box.File, box.Line, box.Image, box.Where is null ? detail : $"{box.Where}: {detail}");

    private static long Micro(double value) => (long)Math.Round(value * 1e6);

    private static string Fmt(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
