namespace ImgEda.Thumbs;

/// <summary>The size that fits in a box: aspect ratio kept, never upscaled, never below 1 px.</summary>
public static class ThumbnailSize
{
    public static (int Width, int Height) Fit(int width, int height, int box)
    {
        if (width <= box && height <= box) return (width, height);
        var scale = Math.Min((double)box / width, (double)box / height);
        var fitWidth = Math.Clamp((int)Math.Round(width * scale), 1, box);
        var fitHeight = Math.Clamp((int)Math.Round(height * scale), 1, box);
        return (fitWidth, fitHeight);
    }
}
