namespace ImgEda.Plot.Charts;

/// <summary>How a histogram's value axis runs.</summary>
public enum AxisScale
{
    /// <summary>Ticks at round numbers (1, 2, 2.5, 5 x 10^k).</summary>
    Linear,
    /// <summary>Logarithmic, ticks at decades (and at 1, 2, 5 of each over three decades or fewer): sizes, focal
    /// lengths.</summary>
    Log10,
    /// <summary>Logarithmic, ticks at powers of two: ratios, where 1:2 and 2:1 lie as far from 1:1.</summary>
    Log2,
}
