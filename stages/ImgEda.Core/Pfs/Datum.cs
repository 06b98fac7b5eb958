namespace ImgEda.Core.Pfs;

/// <summary>One input file: the input it belongs to, its path inside that input ('/'-separated), and where it is on
/// disk.</summary>
public sealed record Datum(string Input, string Path, string FullPath)
{
    public override string ToString() => $"{Input}/{Path}";
}
