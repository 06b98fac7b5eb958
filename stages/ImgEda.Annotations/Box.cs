namespace ImgEda.Annotations;

/// <summary>One bounding box as annotated, in coordinates relative to its image (0..1 across, 0..1 down; YOLO writes
/// them so, COCO and VOC pixels are divided by the image's size). NaN where the image's size is unknown. Width and
/// height are kept as written (YOLO's), not as differences of edges, so they carry no rounding of their own.</summary>
/// <param name="Class">The class's name (its id where no name is declared).</param>
/// <param name="KnownClass">The class is one the dataset declares (data.yaml names, COCO categories, VOC's
/// ImageSets class lists); a format that declares none knows every class it meets.</param>
/// <param name="PixelWidth">The image's width in pixels, 0 when unknown (for the box's aspect ratio).</param>
/// <param name="Where">Where in <paramref name="File"/> the box is, for a file with no lines (COCO).</param>
public sealed record Box(string Image, string Class, bool KnownClass,
    double Left, double Top, double Width, double Height,
    int PixelWidth, int PixelHeight, string File, int? Line, string? Where = null)
{
    public double Right => Left + Width;
    public double Bottom => Top + Height;
    public bool HasSize => double.IsFinite(Left + Top + Width + Height);

    /// <summary>Width over height in pixels; null when the image's size is unknown or the box is degenerate.</summary>
    public double? Aspect => PixelWidth > 0 && PixelHeight > 0 && Height > 0 && Width > 0
        ? Width * PixelWidth / (Height * PixelHeight) : null;
}
