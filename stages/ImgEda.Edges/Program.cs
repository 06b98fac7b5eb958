using System.CommandLine;
using ImgEda.Core.Imaging;
using ImgEda.Core.Running;
using ImgEda.Edges;

var threshold1 = new Option<double>("--threshold1")
{
    Description = "Canny's lower hysteresis threshold",
    DefaultValueFactory = _ => 100,
}.AtLeast(0);
var threshold2 = new Option<double>("--threshold2")
{
    Description = "Canny's upper hysteresis threshold",
    DefaultValueFactory = _ => 200,
}.AtLeast(0);
var aperture = new Option<int>("--aperture")
{
    Description = "Sobel aperture: 3, 5 or 7",
    DefaultValueFactory = _ => 3,
};
aperture.AcceptOnlyFromAmong("3", "5", "7");
var l2 = new Option<bool>("--l2-gradient") { Description = "Use the L2 norm for the gradient magnitude" };
var maxPixels = new Option<long>("--max-pixels")
{
    Description = "Refuse images larger than this before decoding",
    DefaultValueFactory = _ => ImageLoader.DefaultMaxPixels,
}.AtLeast(1);

return StepCommand.Run(args, "edges",
    "Canny edge maps of every image, one 8-bit grayscale PNG per image at out/<input>/<path>.png.",
    [threshold1, threshold2, aperture, l2, maxPixels],
    parse => new EdgeDetector(
        new EdgeOptions(
            parse.GetValue(threshold1),
            parse.GetValue(threshold2),
            parse.GetValue(aperture),
            parse.GetValue(l2)),
        new ImageLoader(parse.GetValue(maxPixels))));
