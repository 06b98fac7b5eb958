using ScottPlot;

namespace ImgEda.Plot.Charts;

// ScottPlot's Plot, not this project's namespace ImgEda.Plot.
using Plot = ScottPlot.Plot;

/// <summary>Width against height, one dot per distinct size, larger for sizes many images share, with the frames of
/// common video resolutions drawn as references: a dot inside a frame is smaller than that resolution.</summary>
public sealed class DimensionsChart : Chart
{
    public sealed record Resolution(string Name, int Width, int Height);

    public static readonly IReadOnlyList<Resolution> Resolutions =
    [
        new("720p", 1280, 720), new("1080p", 1920, 1080), new("4K UHD", 3840, 2160),
    ];

    /// <summary>Dot sizes (pixels at 1x) by how many images share a size: 1, 2-9, 10-99, 100-999, 1000 and
    /// more.</summary>
    private static readonly (int From, string Label, float Size)[] Classes =
    [
        (1, "1 image", 5), (2, "2-9 images", 8), (10, "10-99 images", 11), (100, "100-999 images", 14),
        (1000, "1,000+ images", 17),
    ];

    /// <summary>Each distinct size and how many images have it, in (width, height) order.</summary>
    public IReadOnlyList<(double Width, double Height, int Count)> Points { get; }
    /// <summary>The resolutions drawn: every one up to the first that holds every dot (all when none does).</summary>
    public IReadOnlyList<Resolution> Shown { get; }

    public DimensionsChart(IEnumerable<(double Width, double Height)> sizes, int maxPoints)
        : this([.. sizes.GroupBy(s => s).Select(g => (g.Key.Width, g.Key.Height, g.Count())).Order()], maxPoints)
    {
    }

    /// <summary>Beyond <paramref name="maxPoints"/> distinct sizes the chart is a blot: every n-th is drawn, and the
    /// title says so.</summary>
    private DimensionsChart(List<(double Width, double Height, int Count)> distinct, int maxPoints)
        : base("dimensions", distinct.Count > maxPoints
            ? $"Image dimensions (every {Ordinal(Step(distinct.Count, maxPoints))} of {distinct.Count:N0} sizes)"
            : "Image dimensions")
    {
        var step = Step(distinct.Count, maxPoints);
        Points = [.. distinct.Where((_, i) => i % step == 0)];
        var (maxW, maxH) = (Points.Select(p => p.Width).DefaultIfEmpty(0).Max(),
            Points.Select(p => p.Height).DefaultIfEmpty(0).Max());
        var holding = Resolutions.TakeWhile(r => r.Width < maxW || r.Height < maxH).Count();
        Shown = [.. Resolutions.Take(Math.Min(Resolutions.Count, holding + 1))];
    }

    private static int Step(int count, int max) => Math.Max(1, (count + max - 1) / max);

    private static string Ordinal(int n) => n % 100 is 11 or 12 or 13 ? $"{n}th" : (n % 10) switch
    {
        1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th",
    };

    public override void Draw(Plot plot)
    {
        ChartStyle.Frame(plot, Title, "width (px)", "height (px)");
        var (_, xMax, xTicks) = NiceScale.Linear(0, Points.Select(p => p.Width).Append(Shown.Max(r => r.Width)).Max());
        var (_, yMax, yTicks) =
            NiceScale.Linear(0, Points.Select(p => p.Height).Append(Shown.Max(r => r.Height)).Max());
        foreach (var r in Shown) DrawResolution(plot, r);
        for (var c = 0; c < Classes.Length; c++)
        {
            var (from, label, size) = Classes[c];
            var to = c + 1 < Classes.Length ? Classes[c + 1].From : int.MaxValue;
            var dots = Points.Where(p => p.Count >= from && p.Count < to)
                .Select(p => new Coordinates(p.Width, p.Height)).ToArray();
            if (dots.Length == 0) continue;
            var markers = plot.Add.Markers(dots, MarkerShape.FilledCircle, size, ChartStyle.Bar.WithAlpha(0.55));
            markers.MarkerLineWidth = 0;
            markers.LegendText = label;
        }
        // The legend outside the data, under it: dots can be anywhere.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontName = Rendering.ChartFont.Family;
        plot.Legend.FontSize = 11;
        plot.Legend.FontColor = ChartStyle.SoftInk;
        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowColor = Colors.Transparent;
        // A little beyond the round numbers, so that dots on the largest size are not cut by the frame.
        plot.Axes.SetLimits(-0.01 * xMax, 1.02 * xMax, -0.01 * yMax, 1.03 * yMax);
        plot.Axes.Bottom.TickGenerator = ChartStyle.Ticks(xTicks, NumberText.Of);
        plot.Axes.Left.TickGenerator = ChartStyle.Ticks(yTicks, NumberText.Of);
    }

    private static void DrawResolution(Plot plot, Resolution r)
    {
        foreach (var edge in new[] { plot.Add.Line(r.Width, 0, r.Width, r.Height), plot.Add.Line(0, r.Height, r.Width,
            r.Height) })
        {
            edge.LineColor = ChartStyle.Reference;
            edge.LineWidth = 1.2f;
            edge.LinePattern = LinePattern.Dashed;
            edge.MarkerSize = 0;
        }
        var label = plot.Add.Text($"{r.Name} ({r.Width}x{r.Height})", r.Width, r.Height);
        ChartStyle.Text(label.LabelStyle, 11, ChartStyle.Reference);
        label.LabelStyle.BackgroundColor = Colors.White.WithAlpha(0.8);
        label.Alignment = Alignment.LowerRight;
        label.OffsetX = -3;
        label.OffsetY = -2;
    }
}
