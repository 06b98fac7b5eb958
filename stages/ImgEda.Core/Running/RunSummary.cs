namespace ImgEda.Core.Running;

/// <summary>Counts of one run: computed, carried over from --previous, failed (no output), bad images (recorded),
/// and label or dataset files skipped as not images (<see cref="Pfs.DatasetSidecar"/>).</summary>
public sealed record RunSummary(int Processed, int CarriedOver, int Failed, int BadImages, TimeSpan Elapsed)
{
    public int NotImages { get; init; }

    public override string ToString() =>
        $"processed {Processed} datums ({BadImages} bad images recorded), "
        + $"carried over {CarriedOver}, failed {Failed}"
        + (NotImages > 0 ? $", skipped {NotImages} label or dataset files" : "")
        + $" in {Elapsed.TotalSeconds:F1} s";
}
