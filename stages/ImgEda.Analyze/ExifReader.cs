using System.Globalization;
using ImgEda.Core.Records;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace ImgEda.Analyze;

/// <summary>The EXIF facts the record keeps, read with MetadataExtractor; null when the file has no EXIF.</summary>
public static class ExifReader
{
    public static unsafe ExifSummary? Read(ReadOnlySpan<byte> bytes)
    {
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            // Read in place: a copy of every file would be one more large array per image.
            fixed (byte* p = bytes)
            {
                using var stream = new UnmanagedMemoryStream(p, bytes.Length);
                directories = ImageMetadataReader.ReadMetadata(stream);
            }
        }
        // MetadataExtractor trusts segment lengths: a damaged one makes it ask for an impossible array (found by
        // fuzzing).
        catch (Exception e) when (e is ImageProcessingException or IOException or ArgumentException
                                      or IndexOutOfRangeException or NotSupportedException or OutOfMemoryException
                                      or OverflowException or InvalidOperationException)
        {
            return null;
        }
        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        var sub = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        var gps = directories.OfType<GpsDirectory>().FirstOrDefault();
        if (ifd0 is null && sub is null && gps is null) return null;
        return new ExifSummary
        {
            CameraMake = Text(ifd0, ExifDirectoryBase.TagMake),
            CameraModel = Text(ifd0, ExifDirectoryBase.TagModel),
            LensModel = Text(sub, ExifDirectoryBase.TagLensModel),
            FocalLengthMm = Number(sub, ExifDirectoryBase.TagFocalLength),
            Iso = sub is not null && sub.TryGetInt32(ExifDirectoryBase.TagIsoEquivalent, out var iso) ? iso : null,
            FNumber = Number(sub, ExifDirectoryBase.TagFNumber),
            ExposureTimeS = Number(sub, ExifDirectoryBase.TagExposureTime),
            DatetimeOriginal = DateTime(sub, ExifDirectoryBase.TagDateTimeOriginal),
            Orientation = ifd0 is not null && ifd0.TryGetInt32(ExifDirectoryBase.TagOrientation, out var o) ? o : null,
            HasGps = gps?.GetGeoLocation() is not null,
        };
    }

    private static string? Text(MetadataExtractor.Directory? d, int tag) =>
        d?.GetString(tag)?.Trim('\0', ' ') is { Length: > 0 } s ? s : null;

    // Cameras write rationals; some writers (Pillow among them) write doubles.
    private static double? Number(MetadataExtractor.Directory? d, int tag) =>
        d is null ? null
        : d.TryGetRational(tag, out var r) && r.Denominator != 0 ? Math.Round(r.ToDouble(), 6)
        : d.TryGetDouble(tag, out var x) && double.IsFinite(x) ? Math.Round(x, 6)
        : null;

    private static string? DateTime(MetadataExtractor.Directory? d, int tag) =>
        Text(d, tag) is { } s
        && System.DateTime.TryParseExact(
            s, "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
            : Text(d, tag);
}
