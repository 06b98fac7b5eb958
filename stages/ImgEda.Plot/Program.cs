using System.CommandLine;
using ImgEda.Core.Running;
using ImgEda.Plot;
using ImgEda.Plot.Rendering;

var fontDir = new Option<string>("--font-dir")
{
    Description = $"The folder holding the chart font, {ChartFont.RegularFile} and {ChartFont.BoldFile} " +
        "(Debian's fonts-dejavu-core)",
    DefaultValueFactory = _ => ChartFont.DefaultDirectory,
};

return StepCommand.RunDataset(args, "plot",
    "Charts (out/plots/*.png and *.svg, drawn with ScottPlot) and one self-contained out/report.html from " +
    "imgeda-merge's output; thumbnails come from an input holding imgeda-thumbs' output, the policy verdict from one " +
    "holding imgeda-gate's.",
    [fontDir],
    (parse, context) => new PlotRunner(context, parse.GetValue(fontDir)!).Run());
