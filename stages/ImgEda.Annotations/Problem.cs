namespace ImgEda.Annotations;

/// <summary>One label problem as annotations.json lists it: what (<see cref="ProblemKinds"/>), in which annotation
/// file and line (1-based; null where the format has no lines, as COCO's one-line JSON), about which image, and a
/// sentence saying what was found.</summary>
public sealed record Problem(string Kind, string? File, int? Line, string? Image, string Detail);

/// <summary>The kinds of <see cref="Problem"/>.</summary>
public static class ProblemKinds
{
    /// <summary>An annotation (file, or COCO images entry) whose image is not in the dataset.</summary>
    public const string LabelWithoutImage = "label_without_image";
    /// <summary>An image no annotation file or entry mentions.</summary>
    public const string ImageWithoutLabel = "image_without_label";
    /// <summary>A YOLO label file with no box: a background image, or labels lost on the way.</summary>
    public const string EmptyLabelFile = "empty_label_file";
    public const string OutOfBoundsBox = "out_of_bounds_box";
    public const string ZeroAreaBox = "zero_area_box";
    public const string UnknownClass = "unknown_class";
    public const string DuplicateBox = "duplicate_box";
    /// <summary>A line of a label file that is not a box (wrong field count, not numbers).</summary>
    public const string MalformedLine = "malformed_line";
    /// <summary>An annotation file that cannot be parsed at all (broken XML or JSON, not UTF-8), or a COCO / VOC
    /// entry that lacks what a box needs.</summary>
    public const string MalformedFile = "malformed_file";
    /// <summary>A COCO annotation naming an image id the file does not list.</summary>
    public const string UnknownImageId = "unknown_image_id";
    /// <summary>The size the annotation states for its image is not the size in the image's header.</summary>
    public const string SizeMismatch = "size_mismatch";

    /// <summary>The kinds that make a box unusable for training (counted in invalid_boxes).</summary>
    public static readonly string[] InvalidBox = [OutOfBoundsBox, ZeroAreaBox, UnknownClass];
}
