using System.CommandLine;
using ImgEda.Core.Imaging;
using ImgEda.Core.Running;
using ImgEda.Hash;

var maxPixels = new Option<long>("--max-pixels")
{
    Description = "Refuse images larger than this before decoding",
    DefaultValueFactory = _ => ImageLoader.DefaultMaxPixels,
}.AtLeast(1);

return StepCommand.Run(args, "hash", "One JSON record per image at out/<input>/<path>.json: sha256 of the bytes, "
    + "64-bit aHash, dHash, pHash (CoenM.ImageHash's definitions), and the pHashes of its mirror image and of six "
    + "windows inside it (what merge finds mirrored and cropped copies by).",
    [maxPixels],
    parse => new ImageHasher(new ImageLoader(parse.GetValue(maxPixels))));
