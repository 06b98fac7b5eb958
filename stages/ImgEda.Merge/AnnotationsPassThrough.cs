using ImgEda.Core.Pfs;
using ImgEda.Core.Running;

namespace ImgEda.Merge;

/// <summary>The annotations step's annotations.json, when an input holds one at its root, goes into merge's output as
/// it is: gate and plot read the dataset's facts from merge's folder alone (under Pachyderm and Argo they mount only
/// merge), and the label facts then sit beside summary.json. Its per-image records are joined like any other.</summary>
public static class AnnotationsPassThrough
{
    public const string FileName = "annotations.json";

    /// <summary>Copies the first input's (by name) annotations.json into <paramref name="outDir"/>; returns the input
    /// it came from, or null when no input has one.</summary>
    public static string? Copy(PfsLayout layout, string outDir)
    {
        var input = layout.Inputs.Order(StringComparer.Ordinal)
            .FirstOrDefault(i => File.Exists(Path.Combine(layout.InputDirectory(i), FileName)));
        if (input is not null) AtomicFile.Copy(Path.Combine(layout.InputDirectory(input), FileName), Path.Combine(outDir, FileName));
        return input;
    }
}
