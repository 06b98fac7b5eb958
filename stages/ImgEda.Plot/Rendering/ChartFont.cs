using ImgEda.Core;
using ScottPlot;
using SkiaSharp;

namespace ImgEda.Plot.Rendering;

/// <summary>DejaVu Sans (regular and bold), loaded from its files and handed to ScottPlot for every text of every
/// chart. ScottPlot would otherwise take whatever it finds under /usr/share/fonts (DejaVu Serif on Debian) and, where
/// it finds nothing, draw no text at all and succeed: so the font is part of the product, named and checked
/// here.</summary>
public sealed class ChartFont : IFontResolver
{
    public const string Family = "DejaVu Sans";

    /// <summary>Where Debian's fonts-dejavu-core puts it (the plot image carries that package).</summary>
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";

    public const string RegularFile = "DejaVuSans.ttf", BoldFile = "DejaVuSans-Bold.ttf";

    private readonly SKTypeface _regular, _bold;

    private ChartFont(SKTypeface regular, SKTypeface bold) => (_regular, _bold) = (regular, bold);

    /// <summary>The two faces from <paramref name="directory"/>; a usage error when either is missing or is no
    /// font with the glyphs the charts draw.</summary>
    public static ChartFont Load(string directory) =>
        new(Face(Path.Combine(directory, RegularFile)), Face(Path.Combine(directory, BoldFile)));

    /// <summary>Makes this font the one ScottPlot resolves for every label, before anything else it knows. Call it
    /// before the first chart is drawn: ScottPlot caches each name's typeface on first use.</summary>
    public void Register()
    {
        lock (Fonts.FontResolvers)
        {
            Fonts.FontResolvers.RemoveAll(r => r is ChartFont);
            Fonts.FontResolvers.Insert(0, this);
            // New labels take this name; every label the charts make also names it explicitly (ChartStyle).
            Fonts.Default = Family;
        }
    }

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        fontName == Family ? weight >= FontWeight.SemiBold ? _bold : _regular : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        CreateTypeface(fontName, bold ? FontWeight.Bold : FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);

    private static SKTypeface Face(string path)
    {
        const string Install = "install Debian's fonts-dejavu-core (make deps does), or pass --font-dir with a " +
            $"folder holding {RegularFile} and {BoldFile}";
        if (!File.Exists(path)) throw new UsageException($"the chart font {path} is missing: {Install}");
        var face = SKTypeface.FromFile(path);
        // Digits, letters and the characters of the labels: a face without them would draw empty boxes or nothing.
        if (face is null || face.GlyphCount == 0 || !face.ContainsGlyphs("Ag09%<>()·≤"))
            throw new UsageException($"{path} is not a usable TrueType font: {Install}");
        return face;
    }
}
