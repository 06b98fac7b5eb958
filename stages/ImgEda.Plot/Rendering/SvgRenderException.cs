namespace ImgEda.Plot.Rendering;

/// <summary>librsvg or cairo refused: the message is theirs.</summary>
public sealed class SvgRenderException(string message) : Exception(message);
