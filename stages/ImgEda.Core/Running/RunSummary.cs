namespace ImgEda.Core.Running;

/// <summary>Counts of one run: computed, carried over from --previous, failed (no output), and bad images
/// (recorded).</summary>
public sealed record RunSummary(int Processed, int CarriedOver, int Failed, int BadImages, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"processed {Processed} datums ({BadImages} bad images recorded), "
        + $"carried over {CarriedOver}, failed {Failed} in {Elapsed.TotalSeconds:F1} s";
}
