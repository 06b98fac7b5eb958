namespace ImgEda.Thumbs.Tests;

public class ThumbnailSizeTests
{
    [Theory]
    [InlineData(5120, 2880, 100, 100, 56)]
    [InlineData(2880, 5120, 100, 56, 100)]
    [InlineData(300, 300, 100, 100, 100)]
    [InlineData(80, 40, 100, 80, 40)]     // never upscaled
    [InlineData(10000, 10, 100, 100, 1)]  // never below one pixel
    [InlineData(451, 300, 64, 64, 43)]
    public void Fits_in_the_box_keeping_the_aspect_ratio(int w, int h, int box, int ew, int eh) =>
        Assert.Equal((ew, eh), ThumbnailSize.Fit(w, h, box));
}
