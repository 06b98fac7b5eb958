using ImgEda.Core.Pfs;

namespace ImgEda.Core.Running;

/// <summary>A step's logic for one datum, free of process, file-system layout and scheduling concerns.</summary>
public interface IDatumProcessor
{
    /// <summary>The step's name: edges, analyze, hash, thumbs.</summary>
    string Step { get; }

    /// <summary>Every option that changes the outputs, in a canonical form; part of the work-avoidance key.</summary>
    string OptionsKey { get; }

    DatumResult Process(Datum datum, ReadOnlySpan<byte> bytes, string sha256);
}

/// <summary>A file the datum produces: written to out/&lt;input&gt;/&lt;path&gt;&lt;Suffix&gt;, so two datums never
/// collide.</summary>
public sealed record DatumOutput(string Suffix, byte[] Content);

/// <summary>What one datum produced; <paramref name="Problem"/> names a bad image (recorded, not a failure).</summary>
public sealed record DatumResult(IReadOnlyList<DatumOutput> Outputs, string? Problem = null);
