using System.Globalization;
using System.Security;
using System.Text;

namespace ImgEda.Plot.Charts;

/// <summary>Small, self-contained SVG charts: horizontal bars, histograms (linear or log x axis, with marked values)
/// and scatter plots; each with a title, axis labels with units, and ticks. Empty data gives a "no data" chart.</summary>
public static class SvgChart
{
    public const int Width = 640, Height = 400;
    private const int Left = 70, Right = 20, Top = 44, Bottom = 56;
    private const string Font = "font-family=\"DejaVu Sans, Arial, sans-serif\"";
    private const string Bar = "#4c78a8", Marker = "#e45756";

    public sealed record Mark(double Value, string Label);

    public static string Bars(string title, string valueLabel, IReadOnlyList<(string Label, double Value)> bars)
    {
        if (bars.Count == 0 || bars.All(b => b.Value == 0)) return NoData(title, "no data");
        var labelWidth = (int)Math.Min(280, 16 + 7.6 * bars.Max(b => Math.Min(32, b.Label.Length)));
        var (_, max, ticks) = NiceScale.Linear(0, bars.Max(b => b.Value));
        var svg = Start(title);
        int x0 = labelWidth, x1 = Width - Right - 30, y0 = Top, y1 = Height - Bottom; // room for the longest bar's value
        double X(double v) => x0 + (x1 - x0) * v / max;
        foreach (var t in ticks) { VLine(svg, X(t), y0, y1, "#ddd"); Text(svg, X(t), y1 + 16, Num(t), "middle"); }
        var band = (double)(y1 - y0) / bars.Count;
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = y0 + i * band;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x0}\" y=\"{F(y + band * 0.15)}\" width=\"{F(X(value) - x0)}\" height=\"{F(band * 0.7)}\" fill=\"{Bar}\"><title>{Esc(label)}: {Num(value)}</title></rect>");
            Text(svg, x0 - 6, y + band / 2 + 4, Truncate(label, 32), "end");
            Text(svg, X(value) + 4, y + band / 2 + 4, Num(value), "start", "#333");
        }
        HLine(svg, x0, x1, y1);
        Text(svg, (x0 + x1) / 2.0, Height - 14, valueLabel, "middle", "#333", 13);
        return End(svg);
    }

    public static string Histogram(string title, string xLabel, IReadOnlyList<double> values, int bins = 30, bool logX = false,
        IReadOnlyList<Mark>? marks = null, Func<double, string>? format = null)
    {
        var finite = values.Where(v => double.IsFinite(v) && (!logX || v > 0)).ToList();
        if (finite.Count == 0) return NoData(title, "no data");
        format ??= Num;
        var markValues = (marks ?? []).Select(m => m.Value).Where(v => !logX || v > 0);
        var (lo, hi, ticks) = logX
            ? NiceScale.Log10(Math.Min(finite.Min(), markValues.DefaultIfEmpty(double.MaxValue).Min()), Math.Max(finite.Max(), markValues.DefaultIfEmpty(0).Max()))
            : NiceScale.Linear(Math.Min(finite.Min(), markValues.DefaultIfEmpty(double.MaxValue).Min()), Math.Max(finite.Max(), markValues.DefaultIfEmpty(double.MinValue).Max()));
        double T(double v) => logX ? Math.Log10(v) : v;
        double tlo = T(lo), thi = T(hi);
        var counts = new int[bins];
        foreach (var v in finite) counts[Math.Clamp((int)((T(v) - tlo) / (thi - tlo) * bins), 0, bins - 1)]++;
        var (_, yMax, yTicks) = NiceScale.Linear(0, counts.Max());

        var svg = Start(title);
        int x0 = Left, x1 = Width - Right, y0 = Top, y1 = Height - Bottom;
        double X(double v) => x0 + (x1 - x0) * (T(v) - tlo) / (thi - tlo);
        double Y(double c) => y1 - (y1 - y0) * c / yMax;
        foreach (var t in yTicks) { HLine(svg, x0, x1, Y(t), "#ddd"); Text(svg, x0 - 6, Y(t) + 4, Num(t), "end"); }
        var binWidth = (double)(x1 - x0) / bins;
        for (var b = 0; b < bins; b++)
        {
            if (counts[b] == 0) continue;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x0 + b * binWidth + 0.5)}\" y=\"{F(Y(counts[b]))}\" width=\"{F(binWidth - 1)}\" height=\"{F(y1 - Y(counts[b]))}\" fill=\"{Bar}\"><title>{counts[b]} images</title></rect>");
        }
        foreach (var t in ticks) Text(svg, X(t), y1 + 16, format(t), "middle");
        foreach (var (m, i) in (marks ?? []).Where(m => m.Value >= lo && m.Value <= hi).Select((m, i) => (m, i)))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(m.Value))}\" y1=\"{y0}\" x2=\"{F(X(m.Value))}\" y2=\"{y1}\" stroke=\"{Marker}\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>");
            var nearRightEdge = X(m.Value) > x1 - 120;
            Text(svg, X(m.Value) + (nearRightEdge ? -3 : 3), y0 + 12 + 14 * (i % 3), m.Label, nearRightEdge ? "end" : "start", Marker);
        }
        Axes(svg, x0, x1, y0, y1);
        Text(svg, (x0 + x1) / 2.0, Height - 14, xLabel, "middle", "#333", 13);
        Text(svg, 16, (y0 + y1) / 2.0, "images", "middle", "#333", 13, rotate: true);
        return End(svg);
    }

    public static string Scatter(string title, string xLabel, string yLabel, IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count == 0) return NoData(title, "no data");
        var (xlo, xhi, xt) = NiceScale.Linear(0, points.Max(p => p.X));
        var (ylo, yhi, yt) = NiceScale.Linear(0, points.Max(p => p.Y));
        var svg = Start(title);
        int x0 = Left, x1 = Width - Right, y0 = Top, y1 = Height - Bottom;
        double X(double v) => x0 + (x1 - x0) * (v - xlo) / (xhi - xlo);
        double Y(double v) => y1 - (y1 - y0) * (v - ylo) / (yhi - ylo);
        foreach (var t in yt) { HLine(svg, x0, x1, Y(t), "#ddd"); Text(svg, x0 - 6, Y(t) + 4, Num(t), "end"); }
        foreach (var t in xt) { VLine(svg, X(t), y0, y1, "#eee"); Text(svg, X(t), y1 + 16, Num(t), "middle"); }
        foreach (var p in points.Distinct())
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(p.X))}\" cy=\"{F(Y(p.Y))}\" r=\"3\" fill=\"{Bar}\" fill-opacity=\"0.5\"><title>{Num(p.X)} x {Num(p.Y)}</title></circle>");
        Axes(svg, x0, x1, y0, y1);
        Text(svg, (x0 + x1) / 2.0, Height - 14, xLabel, "middle", "#333", 13);
        Text(svg, 16, (y0 + y1) / 2.0, yLabel, "middle", "#333", 13, rotate: true);
        return End(svg);
    }

    public static string NoData(string title, string reason)
    {
        var svg = Start(title);
        svg.Append($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"#f6f6f6\" stroke=\"#ddd\"/>");
        Text(svg, Width / 2.0, Height / 2.0, reason, "middle", "#888", 16);
        return End(svg);
    }

    /// <summary>Bytes as people read them: 1.5 kB, 20 MB.</summary>
    public static string Bytes(double bytes) => bytes switch
    {
        >= 1e9 => Num(bytes / 1e9) + " GB",
        >= 1e6 => Num(bytes / 1e6) + " MB",
        >= 1e3 => Num(bytes / 1e3) + " kB",
        _ => Num(bytes) + " B",
    };

    public static string Num(double v) => Math.Abs(v) >= 10_000 ? v.ToString("#,0", CultureInfo.InvariantCulture) : Math.Round(v, 2).ToString(CultureInfo.InvariantCulture);

    private static StringBuilder Start(string title)
    {
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" {Font} font-size=\"12\" role=\"img\">");
        svg.Append($"<title>{Esc(title)}</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        Text(svg, Width / 2.0, 26, title, "middle", "#111", 16, bold: true);
        return svg;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>\n").ToString();

    private static void Axes(StringBuilder svg, int x0, int x1, int y0, int y1)
    {
        HLine(svg, x0, x1, y1);
        VLine(svg, x0, y0, y1);
    }

    private static void HLine(StringBuilder svg, double x0, double x1, double y, string color = "#333") =>
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x0)}\" y1=\"{F(y)}\" x2=\"{F(x1)}\" y2=\"{F(y)}\" stroke=\"{color}\"/>");

    private static void VLine(StringBuilder svg, double x, double y0, double y1, string color = "#333") =>
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" y1=\"{F(y0)}\" x2=\"{F(x)}\" y2=\"{F(y1)}\" stroke=\"{color}\"/>");

    private static void Text(StringBuilder svg, double x, double y, string text, string anchor, string color = "#555", int size = 12, bool bold = false, bool rotate = false)
    {
        var transform = rotate ? $" transform=\"rotate(-90 {F(x)} {F(y)})\"" : "";
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" fill=\"{color}\" font-size=\"{size}\"{(bold ? " font-weight=\"bold\"" : "")}{transform}>{Esc(text)}</text>");
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
    private static string Esc(string s) => SecurityElement.Escape(s) ?? "";
    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
