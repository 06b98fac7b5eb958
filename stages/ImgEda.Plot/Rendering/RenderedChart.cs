namespace ImgEda.Plot.Rendering;

/// <summary>A chart drawn: the PNG the report embeds and the SVG offered as a download beside it.</summary>
public sealed record RenderedChart(string Name, string Title, byte[] Png, string Svg);
