using ImgEda.Core.Pfs;

namespace ImgEda.Core.Running;

/// <summary>The options every per-image step shares (DESIGN.md §3).</summary>
public sealed record RunOptions
{
    public required string PfsRoot { get; init; }
    public IReadOnlyCollection<string> Inputs { get; init; } = [];
    public int Workers { get; init; } = Environment.ProcessorCount;
    public string? Previous { get; init; }
    public bool Strict { get; init; }
    public bool Verbose { get; init; }

    /// <summary>The slice of the datums this run processes (--shard I/N); every datum by default.</summary>
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>Datums (as "input/path") that crashed or hung the decoder, with the reason: skipped, counted as
    /// failed.</summary>
    public IReadOnlyDictionary<string, string> Poisoned { get; init; } = new Dictionary<string, string>();

    /// <summary>Under Pachyderm, write nothing for a datum that is a folder: its files are datums of their
    /// own.</summary>
    public bool SkipFolderDatums { get; init; }

    /// <summary>Set by Pachyderm for each datum it runs: the input then holds just that datum's files.</summary>
    public string? PachDatumId { get; init; } = Environment.GetEnvironmentVariable("PACH_DATUM_ID");
}
