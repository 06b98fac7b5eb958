using System.CommandLine;
using ImgEda.Core.Imaging;
using ImgEda.Core.Running;
using ImgEda.Thumbs;

var size = new Option<int>("--size")
{
    Description = "Thumbnails fit in SIZE x SIZE pixels (aspect ratio kept, never upscaled)",
    DefaultValueFactory = _ => 100,
}.Between(1, 4096);
var quality = new Option<int>("--quality")
{
    Description = "JPEG quality of opaque thumbnails",
    DefaultValueFactory = _ => 85,
}.Between(1, 100);
var maxPixels = new Option<long>("--max-pixels")
{
    Description = "Refuse images larger than this before decoding",
    DefaultValueFactory = _ => ImageLoader.DefaultMaxPixels,
}.AtLeast(1);

return StepCommand.Run(args, "thumbs",
    "A thumbnail per image at out/<input>/<path>.jpg (or .png when the image has alpha), for reports and browsing.",
    [size, quality, maxPixels],
    parse => new Thumbnailer(
        parse.GetValue(size),
        parse.GetValue(quality),
        new ImageLoader(parse.GetValue(maxPixels))));
