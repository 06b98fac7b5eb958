using System.CommandLine;
using ImgEda.Analyze;
using ImgEda.Core.Imaging;
using ImgEda.Core.Running;

var defaults = new AnalyzeOptions();
var dark = new Option<double>("--dark-below")
{
    Description = "is_dark when the mean brightness (0-255) of the visible pixels is below this",
    DefaultValueFactory = _ => defaults.DarkBelow,
}.Between(0, 255);
var over = new Option<double>("--overexposed-above")
{
    Description = "is_overexposed when the mean brightness of the visible pixels is above this",
    DefaultValueFactory = _ => defaults.OverexposedAbove,
}.Between(0, 255);
var blur = new Option<double>("--blur-above")
{
    Description = "is_blurry when blur_score (edge blur sigma, px, of the sharpest region) is above this",
    DefaultValueFactory = _ => defaults.BlurAbove,
}.Between(0, 100);
var border = new Option<double>("--border-min-fraction")
{
    Description = "has_border_artifact when a uniform band along an edge is at least this fraction of its side",
    DefaultValueFactory = _ => defaults.BorderMinFraction,
}.Between(0, 1);
var statsSide = new Option<int>("--stats-min-side")
{
    Description = "Decode at reduced size for statistics, keeping the long side at least this many px",
    DefaultValueFactory = _ => defaults.StatsMinLongSide,
}.AtLeast(1);
var maxPixels = new Option<long>("--max-pixels")
{
    Description = "Refuse images larger than this before decoding",
    DefaultValueFactory = _ => ImageLoader.DefaultMaxPixels,
}.AtLeast(1);

return StepCommand.Run(args, "analyze",
    "One JSON record per image at out/<input>/<path>.json: file facts, format, EXIF, transparency, pixel statistics, "
    + "exposure, blur, border bands, corruption.",
    [dark, over, blur, border, statsSide, maxPixels],
    parse => new ImageAnalyzer(
        defaults with
        {
            DarkBelow = parse.GetValue(dark), OverexposedAbove = parse.GetValue(over), BlurAbove = parse.GetValue(blur),
            BorderMinFraction = parse.GetValue(border), StatsMinLongSide = parse.GetValue(statsSide),
        },
        new ImageLoader(parse.GetValue(maxPixels))));
