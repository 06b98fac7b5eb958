using System.CommandLine;
using ImgEda.Core.Running;
using ImgEda.Plot;

var noPng = new Option<bool>("--no-png") { Description = "Write the charts as SVG only (PNG needs librsvg: Debian's librsvg2-2)" };

return StepCommand.RunDataset(args, "plot",
    "Charts (out/plots/*.svg and *.png) and one self-contained out/report.html from imgeda-merge's output; thumbnails come " +
    "from an input holding imgeda-thumbs' output, the policy verdict from one holding imgeda-gate's.",
    [noPng],
    (parse, context) => new PlotRunner(context, !parse.GetValue(noPng)).Run());
