using ImgEda.Merge;

namespace ImgEda.Plot;

/// <summary>What the charts show of each image, gathered in one pass over the manifest's lines. A pass per chart
/// touched 100,000 scattered objects a dozen times and cost more than drawing the charts.</summary>
public sealed class ManifestColumns
{
    public int Images { get; private set; }
    /// <summary>Width and height of the images that have both, except refused ones (over --max-pixels), which
    /// would squash every real one into a corner.</summary>
    public List<(double Width, double Height)> Sizes { get; } = [];
    public List<double> FileSizes { get; } = [];
    public List<double> AspectRatios { get; } = [];
    public List<double> Brightness { get; } = [];
    public List<double> BlurScores { get; } = [];
    /// <summary>EXIF values above zero.</summary>
    public List<double> FocalLengths { get; } = [];
    public List<double> Isos { get; } = [];
    /// <summary>Images per "mode (channels ch)", per format (from the bytes), per camera.</summary>
    public Dictionary<string, int> ColourModes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Formats { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Cameras { get; } = new(StringComparer.Ordinal);
    /// <summary>Images with each flag, in the order of <see cref="DatasetSummary.Flags"/>.</summary>
    public int[] FlagCounts { get; } = new int[DatasetSummary.Flags.Length];

    public static ManifestColumns Of(IEnumerable<ManifestLine> lines)
    {
        var columns = new ManifestColumns();
        var unsupported = Array.IndexOf(DatasetSummary.Flags, "is_unsupported");
        var modes = new Dictionary<(string?, string?), int>();
        foreach (var e in lines)
        {
            columns.Images++;
            if (e.Width is { } w && w > 0 && e.Height is { } h && h > 0 && !e.Flag(unsupported))
                columns.Sizes.Add((w, h));
            Add(columns.FileSizes, e.FileSizeBytes);
            Add(columns.AspectRatios, e.AspectRatio);
            Add(columns.Brightness, e.MeanBrightness);
            Add(columns.BlurScores, e.BlurScore);
            if (e.FocalLengthMm is > 0) Add(columns.FocalLengths, e.FocalLengthMm);
            if (e.Iso is > 0) Add(columns.Isos, e.Iso);
            // Counted by the two facts, formatted once per distinct pair below.
            modes[(e.ColorMode, e.Channels)] = modes.GetValueOrDefault((e.ColorMode, e.Channels)) + 1;
            Count(columns.Formats, e.Format ?? "unknown");
            if (Camera(e) is { } camera) Count(columns.Cameras, camera);
            for (var f = 0; f < columns.FlagCounts.Length; f++)
                if (e.Flag(f)) columns.FlagCounts[f]++;
        }
        foreach (var ((mode, channels), n) in modes)
            Count(columns.ColourModes, $"{mode ?? "unknown"} ({channels ?? "?"} ch)", n);
        return columns;
    }

    private static void Add(List<double> column, double? value)
    {
        if (value is { } v && double.IsFinite(v)) column.Add(v);
    }

    private static void Count(Dictionary<string, int> counts, string key, int n = 1) =>
        counts[key] = counts.GetValueOrDefault(key) + n;

    /// <summary>"Make Model", without the make twice when the model repeats it ("Canon Canon EOS 70D").</summary>
    private static string? Camera(ManifestLine e)
    {
        if (e.CameraMake is null && e.CameraModel is null) return null;
        var (make, model) = (e.CameraMake?.Trim() ?? "", e.CameraModel?.Trim() ?? "");
        var name = model.StartsWith(make, StringComparison.OrdinalIgnoreCase) ? model : $"{make} {model}".Trim();
        return name.Length > 0 ? name : null;
    }
}
