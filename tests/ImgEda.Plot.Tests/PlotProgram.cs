namespace ImgEda.Plot.Tests;

/// <summary>The published plot program (build/bin/imgeda-plot, Native AOT: `make build`), run as a process.</summary>
public static class PlotProgram
{
    private static string Program => RepoPaths.Step("plot");

    public static Processes.Result Run(params string[] args) => Processes.Run(Program, args);

    /// <summary>Runs plot where /usr/share/fonts is an empty folder (a private mount namespace; the tests run as
    /// root, as CI does): a machine or image without any font, where ScottPlot alone would draw no text.</summary>
    public static Processes.Result RunWithoutSystemFonts(TempDir tmp, params string[] args)
    {
        Directory.CreateDirectory(tmp["empty-fonts"]);
        return Processes.Run("unshare",
        [
            "--mount", "--propagation", "private", "sh", "-c", "mount --bind \"$0\" /usr/share/fonts && exec \"$@\"",
            tmp["empty-fonts"], Program, .. args,
        ]);
    }
}
