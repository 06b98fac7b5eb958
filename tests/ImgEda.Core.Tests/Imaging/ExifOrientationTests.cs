using ImgEda.Core.Imaging;

namespace ImgEda.Core.Tests.Imaging;

public class ExifOrientationTests
{
    /// <summary>Where the EXIF standard puts stored pixel (x, y) of a w x h image when the image is shown.</summary>
    private static (double X, double Y) Shown(int orientation, double x, double y, double w, double h) =>
        orientation switch
        {
            2 => (w - 1 - x, y),
            3 => (w - 1 - x, h - 1 - y),
            4 => (x, h - 1 - y),
            5 => (y, x),
            6 => (h - 1 - y, x),
            7 => (h - 1 - y, w - 1 - x),
            8 => (y, w - 1 - x),
            _ => (x, y),
        };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void A_line_is_turned_as_its_pixels_are(int orientation)
    {
        foreach (var degrees in (double[])[0, 10, 45, 80, 90, 120, 179])
        {
            // Two stored pixels along the line, as the viewer places them.
            var (dx, dy) = (Math.Cos(degrees * Math.PI / 180) * 50, Math.Sin(degrees * Math.PI / 180) * 50);
            var from = Shown(orientation, 100, 100, 300, 200);
            var to = Shown(orientation, 100 + dx, 100 + dy, 300, 200);
            var expected = (Math.Atan2(to.Y - from.Y, to.X - from.X) * 180 / Math.PI % 180 + 180) % 180;
            var actual = ExifOrientation.DisplayedDegrees(degrees, orientation);
            var error = Math.Abs(actual - expected) % 180;
            Assert.True(Math.Min(error, 180 - error) < 1e-9, $"{degrees}° with {orientation}: {actual} vs {expected}");
            Assert.InRange(actual, 0, 179.999999);
        }
    }

    [Fact]
    public void Without_an_orientation_the_image_is_shown_as_stored()
    {
        Assert.Equal(30, ExifOrientation.DisplayedDegrees(30, null));
        Assert.Equal(30, ExifOrientation.DisplayedDegrees(30, 9));
        Assert.Equal(150, ExifOrientation.DisplayedDegrees(-30, 1));
    }
}
