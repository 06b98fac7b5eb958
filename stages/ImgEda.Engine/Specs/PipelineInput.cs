namespace ImgEda.Engine.Specs;

/// <summary>A pipeline's input tree, as far as the local engine supports it: pfs inputs combined by cross and union.</summary>
public abstract record PipelineInput
{
    public abstract IEnumerable<PfsInput> Leaves();
}

/// <summary>One repo's head commit, split into datums by a glob; mounted at /pfs/&lt;Name&gt;.</summary>
public sealed record PfsInput(string Name, string Repo, GlobPattern Glob) : PipelineInput
{
    public override IEnumerable<PfsInput> Leaves() => [this];
}

/// <summary>Every combination of one datum from each input.</summary>
public sealed record CrossInput(IReadOnlyList<PipelineInput> Inputs) : PipelineInput
{
    public override IEnumerable<PfsInput> Leaves() => Inputs.SelectMany(i => i.Leaves());
}

/// <summary>The datums of every input, one after the other.</summary>
public sealed record UnionInput(IReadOnlyList<PipelineInput> Inputs) : PipelineInput
{
    public override IEnumerable<PfsInput> Leaves() => Inputs.SelectMany(i => i.Leaves());
}
