using System.Text;
using System.Text.Json;

namespace ImgEda.Merge;

/// <summary>One image's line of manifest.jsonl as written, with the facts merge (duplicates, summary, diff) and plot
/// (charts, report) read of it, taken in one forward pass over the line. Looking fields up in parsed JSON (a dictionary
/// built per JsonObject, or a property scan per JsonElement lookup) cost merge more than everything else it does; an
/// unchanged image's line is also taken from the previous manifest as it stands, with no record parsed again.</summary>
public sealed class ManifestLine
{
    private uint _flags;

    private ManifestLine(byte[] bytes, string input, string path) => (Bytes, Input, Path) = (bytes, input, path);

    /// <summary>The line without its newline.</summary>
    public byte[] Bytes { get; }
    public string Input { get; }
    public string Path { get; }
    public string Key => $"{Input}/{Path}";

    public string? Sha256 { get; private set; }
    public string? Phash { get; private set; }
    /// <summary>hash's phash_mirror and phash_crops: the variants merge matches other images' pHashes against.
    /// </summary>
    public string? PhashMirror { get; private set; }
    public IReadOnlyList<string>? PhashCrops { get; private set; }
    public string? Thumbnail { get; private set; }
    public string? StepVersion { get; private set; }
    /// <summary>pixel_stats is an object: the pixels were decoded.</summary>
    public bool Decoded { get; private set; }
    public double? Width { get; private set; }
    public double? Height { get; private set; }
    public double? Megapixels { get; private set; }
    public double? FileSizeBytes { get; private set; }
    public double? AspectRatio { get; private set; }
    public double? BlurScore { get; private set; }
    /// <summary>pixel_stats.mean_brightness.</summary>
    public double? MeanBrightness { get; private set; }
    /// <summary>exif.camera_make and exif.camera_model.</summary>
    public string? CameraMake { get; private set; }
    public string? CameraModel { get; private set; }
    /// <summary>exif.focal_length_mm and exif.iso.</summary>
    public double? FocalLengthMm { get; private set; }
    public double? Iso { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The field's text, or its JSON when it is not a string; null when it is missing or null.</summary>
    public string? Format { get; private set; }
    public string? ColorMode { get; private set; }
    public string? Channels { get; private set; }
    /// <summary>The image's split ("train", "val", "test") and class label, from its path
    /// (<see cref="DatasetLayout"/>).</summary>
    public string? Split { get; private set; }
    public string? Label { get; private set; }
    /// <summary>border_bands as a reviewer reads it ("top 12, bottom 12 px"); null when there is no band.</summary>
    public string? BorderBands { get; private set; }
    /// <summary>motion_blur as a reviewer reads it ("18 px at 22°"); null when none was found.</summary>
    public string? MotionBlur { get; private set; }

    /// <summary>Whether <paramref name="flag"/> (one of <see cref="DatasetSummary.Flags"/>) is true.</summary>
    public bool Flag(string flag) => Array.IndexOf(DatasetSummary.Flags, flag) is var bit and >= 0 && Flag(bit);

    /// <summary>Whether flag number <paramref name="index"/> of <see cref="DatasetSummary.Flags"/> is true (no name to
    /// look up: plot counts every flag of 100,000 lines).</summary>
    public bool Flag(int index) => (_flags & (1u << index)) != 0;

    /// <summary>The facts of a manifest line, or null when it is not an image's record (the meta line, a line that is
    /// not a JSON object with "input" and "path" strings).</summary>
    public static ManifestLine? Parse(byte[] bytes)
    {
        string? input = null, path = null, sha = null, phash = null, thumbnail = null, stepVersion = null;
        string? format = null, colorMode = null, channels = null;
        string? error = null, cameraMake = null, cameraModel = null, phashMirror = null, split = null, label = null;
        List<string>? phashCrops = null;
        double? width = null, height = null, megapixels = null, fileSize = null, aspect = null;
        double? blur = null, brightness = null;
        double? focalLength = null, iso = null;
        string? bands = null, motion = null;
        var decoded = false;
        uint flags = 0;
        var reader = new Utf8JsonReader(bytes);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = FieldOf(ref reader);
                reader.Read();
                if (field >= FirstFlag)
                {
                    var bit = 1u << (field - FirstFlag);
                    if (reader.TokenType == JsonTokenType.True) flags |= bit; else flags &= ~bit;
                    continue;
                }
                switch (field)
                {
                    case Meta: return null;
                    case InputField: input = Text(ref reader); break;
                    case PathField: path = Text(ref reader); break;
                    case Sha: sha = Text(ref reader); break;
                    case PhashField: phash = Text(ref reader); break;
                    case PhashMirrorField: phashMirror = Text(ref reader); break;
                    case PhashCropsField: phashCrops = Texts(ref reader); break;
                    case ThumbnailField: thumbnail = Text(ref reader); break;
                    case StepVersionField: stepVersion = Text(ref reader); break;
                    case WidthField: width = Number(ref reader); break;
                    case HeightField: height = Number(ref reader); break;
                    case MegapixelsField: megapixels = Number(ref reader); break;
                    case FileSize: fileSize = Number(ref reader); break;
                    case Aspect: aspect = Number(ref reader); break;
                    case Blur: blur = Number(ref reader); break;
                    case ErrorField: error = Text(ref reader); break;
                    case FormatField: format = Raw(ref reader, bytes); break;
                    case ColorModeField: colorMode = Raw(ref reader, bytes); break;
                    case ChannelsField: channels = Raw(ref reader, bytes); break;
                    case SplitField: split = Text(ref reader); break;
                    case LabelField: label = Text(ref reader); break;
                    case PixelStats:
                        decoded = reader.TokenType == JsonTokenType.StartObject;
                        brightness = null;
                        if (!decoded) reader.Skip();
                        else while (NextMember(ref reader) is var inner and not None)
                            if (inner == MeanBrightnessField) brightness = Number(ref reader); else reader.Skip();
                        break;
                    case BorderBandsField:
                        bands = Bands(ref reader);
                        break;
                    case MotionBlurField:
                        motion = Motion(ref reader);
                        break;
                    case Exif:
                        (cameraMake, cameraModel, focalLength, iso) = (null, null, null, null);
                        if (reader.TokenType != JsonTokenType.StartObject) reader.Skip();
                        else while (NextMember(ref reader) is var inner and not None)
                            if (inner == CameraMakeField) cameraMake = Text(ref reader);
                            else if (inner == CameraModelField) cameraModel = Text(ref reader);
                            else if (inner == FocalLengthField) focalLength = Number(ref reader);
                            else if (inner == IsoField) iso = Number(ref reader);
                            else reader.Skip();
                        break;
                    default: reader.Skip(); break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        if (input is null || path is null) return null;
        return new ManifestLine(bytes, input, path)
        {
            Sha256 = sha,
            Phash = phash,
            PhashMirror = phashMirror,
            PhashCrops = phashCrops,
            Thumbnail = thumbnail,
            StepVersion = stepVersion,
            Decoded = decoded,
            _flags = flags,
            Width = width,
            Height = height,
            Megapixels = megapixels,
            FileSizeBytes = fileSize,
            AspectRatio = aspect,
            Format = format,
            ColorMode = colorMode,
            Channels = channels,
            BlurScore = blur,
            MeanBrightness = brightness,
            Error = error,
            CameraMake = cameraMake,
            CameraModel = cameraModel,
            FocalLengthMm = focalLength,
            Iso = iso,
            Split = split,
            Label = label,
            BorderBands = bands,
            MotionBlur = motion,
        };
    }

    // The fields read, by number (nested ones too); the flags last, in the order of DatasetSummary.Flags
    // (bit i = flag i).
    private const int None = -2, Other = -1, Meta = 0, InputField = 1, PathField = 2, Sha = 3, PhashField = 4,
        ThumbnailField = 5, StepVersionField = 6, WidthField = 7, HeightField = 8, MegapixelsField = 9, FileSize = 10,
        Aspect = 11, FormatField = 12, ColorModeField = 13, ChannelsField = 14, PixelStats = 15,
        Blur = 16, ErrorField = 17, Exif = 18, MeanBrightnessField = 19, CameraMakeField = 20, CameraModelField = 21,
        FocalLengthField = 22, IsoField = 23, PhashMirrorField = 24, PhashCropsField = 25, SplitField = 26,
        LabelField = 27,
        BorderBandsField = 28, TopField = 29, BottomField = 30, LeftField = 31, RightField = 32,
        MotionBlurField = 33, LengthField = 34, DegreesField = 35,
        FirstFlag = 36;

    private static readonly string[] Names =
    [
        ManifestWriter.MetaKey, "input", "path", "sha256", "phash", "thumbnail", "step_version", "width", "height",
        "megapixels", "file_size_bytes", "aspect_ratio", "format", "color_mode", "channels", "pixel_stats",
        "blur_score", "error", "exif",
        "mean_brightness", "camera_make", "camera_model", "focal_length_mm", "iso", "phash_mirror",
        "phash_crops", "split", "label", "border_bands", "top", "bottom", "left", "right",
        "motion_blur", "length_px", "degrees", .. DatasetSummary.Flags,
    ];

    /// <summary>The names' UTF-8 bytes by length: a property name is compared with the few of its length only (a
    /// string per name, for 60 names on 10,000 lines, cost more than the rest of the pass).</summary>
    private static readonly (byte[] Name, int Field)[][] NamesByLength = Enumerable
        .Range(0, Names.Max(n => n.Length) + 1)
        .Select(length => Names
            .Select((name, field) => (Name: Encoding.UTF8.GetBytes(name), Field: field))
            .Where(n => n.Name.Length == length)
            .ToArray())
        .ToArray();

    private static int FieldOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence) return Array.IndexOf(Names, reader.GetString());
        var name = reader.ValueSpan;
        if (name.Length >= NamesByLength.Length) return Other;
        foreach (var (candidate, field) in NamesByLength[name.Length])
            if (name.SequenceEqual(candidate)) return field;
        return Other;
    }

    /// <summary>Inside an object: the next member's field number with the reader at its value, or <see cref="None"/>
    /// at the object's end.</summary>
    private static int NextMember(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName) return None;
        var field = FieldOf(ref reader);
        reader.Read();
        return field;
    }

    /// <summary>The non-zero widths of a border_bands object, "top 12, bottom 12 px"; null when none.</summary>
    private static string? Bands(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        var sides = new List<string>(4);
        while (NextMember(ref reader) is var side and not None)
        {
            var name = side switch
            {
                TopField => "top",
                BottomField => "bottom",
                LeftField => "left",
                RightField => "right",
                _ => null,
            };
            if (name is not null && Number(ref reader) is > 0 and var width)
                sides.Add(FormattableString.Invariant($"{name} {width}"));
            else if (name is null) reader.Skip();
        }
        return sides.Count == 0 ? null : string.Join(", ", sides) + " px";
    }

    /// <summary>A motion_blur object, "18 px at 22°"; null when it is not one with both numbers.</summary>
    private static string? Motion(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        double? length = null, degrees = null;
        while (NextMember(ref reader) is var member and not None)
        {
            if (member == LengthField) length = Number(ref reader);
            else if (member == DegreesField) degrees = Number(ref reader);
            else reader.Skip();
        }
        return length is { } l && degrees is { } d ? FormattableString.Invariant($"{l} px at {d}°") : null;
    }

    private static string? Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        reader.Skip();
        return null;
    }

    /// <summary>An array's strings (other items left out); null when the value is not an array.</summary>
    private static List<string>? Texts(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }
        var texts = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String) texts.Add(reader.GetString()!);
            else reader.Skip();
        }
        return texts;
    }

    private static double? Number(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number) return reader.TryGetDouble(out var value) ? value : null;
        reader.Skip();
        return null;
    }

    /// <summary>A string's text, another value's JSON; null for JSON null.</summary>
    private static string? Raw(ref Utf8JsonReader reader, byte[] bytes)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return Encoding.UTF8.GetString(bytes, start, (int)reader.BytesConsumed - start);
    }
}
