namespace ImgEda.Plot.Charts;

/// <summary>A value marked on a histogram's axis: a threshold (with the side it flags shaded) or a reference.</summary>
public sealed record Mark(double Value, string Label, MarkSide Side = MarkSide.None);

/// <summary>Which side of a threshold its flag covers: that side of the chart is shaded.</summary>
public enum MarkSide
{
    None,
    Below,
    Above,
}
