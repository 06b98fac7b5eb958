using System.CommandLine;
using ImgEda.Analyze;
using ImgEda.Core.Imaging;
using ImgEda.Core.Running;

var defaults = new AnalyzeOptions();
var dark = new Option<double>("--dark-below") { Description = "is_dark when mean brightness (0-255) is below this", DefaultValueFactory = _ => defaults.DarkBelow };
var over = new Option<double>("--overexposed-above") { Description = "is_overexposed when mean brightness is above this", DefaultValueFactory = _ => defaults.OverexposedAbove };
var blur = new Option<double>("--blur-above") { Description = "is_blurry when blur_score (edge blur sigma, px) is above this", DefaultValueFactory = _ => defaults.BlurAbove };
var border = new Option<double>("--border-delta-above") { Description = "has_border_artifact when corners and centre differ by more than this", DefaultValueFactory = _ => defaults.BorderDeltaAbove };
var statsSide = new Option<int>("--stats-min-side") { Description = "Decode at reduced size for statistics, keeping the long side at least this many px", DefaultValueFactory = _ => defaults.StatsMinLongSide };
var maxPixels = new Option<long>("--max-pixels") { Description = "Refuse images larger than this before decoding", DefaultValueFactory = _ => ImageLoader.DefaultMaxPixels };

return StepCommand.Run(args, "analyze", "One JSON record per image at out/<input>/<path>.json: file facts, format, EXIF, pixel statistics, exposure, blur, border artifacts, corruption.",
    [dark, over, blur, border, statsSide, maxPixels],
    parse => new ImageAnalyzer(
        defaults with
        {
            DarkBelow = parse.GetValue(dark), OverexposedAbove = parse.GetValue(over), BlurAbove = parse.GetValue(blur),
            BorderDeltaAbove = parse.GetValue(border), StatsMinLongSide = parse.GetValue(statsSide),
        },
        new ImageLoader(parse.GetValue(maxPixels))));
