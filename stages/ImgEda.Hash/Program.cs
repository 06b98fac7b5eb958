using System.CommandLine;
using ImgEda.Core.Imaging;
using ImgEda.Core.Running;
using ImgEda.Hash;

var maxPixels = new Option<long>("--max-pixels") { Description = "Refuse images larger than this before decoding", DefaultValueFactory = _ => ImageLoader.DefaultMaxPixels };

return StepCommand.Run(args, "hash", "One JSON record per image at out/<input>/<path>.json: sha256 of the bytes and 64-bit aHash, dHash, pHash (CoenM.ImageHash's definitions).",
    [maxPixels],
    parse => new ImageHasher(new ImageLoader(parse.GetValue(maxPixels))));
