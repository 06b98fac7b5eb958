namespace ImgEda.Engine.Specs;

/// <summary>A pipeline's input tree, as far as the local engine supports it: pfs inputs combined by cross, union and
/// group.</summary>
public abstract record PipelineInput
{
    public abstract IEnumerable<PfsInput> Leaves();

    /// <summary>The leaves whose repo may be empty while the others give datums: the inputs of a union or a group.
    /// </summary>
    public virtual IEnumerable<PfsInput> OptionalLeaves() => [];
}

/// <summary>One repo's head commit, split into datums by a glob; mounted at /pfs/&lt;Name&gt;.</summary>
/// <param name="GroupBy">The group key of every datum of this input, inside a group (a constant: the engine does not
/// substitute the glob's capture groups).</param>
public sealed record PfsInput(string Name, string Repo, GlobPattern Glob, string? GroupBy = null) : PipelineInput
{
    public override IEnumerable<PfsInput> Leaves() => [this];
}

/// <summary>Every combination of one datum from each input.</summary>
public sealed record CrossInput(IReadOnlyList<PipelineInput> Inputs) : PipelineInput
{
    public override IEnumerable<PfsInput> Leaves() => Inputs.SelectMany(i => i.Leaves());
    public override IEnumerable<PfsInput> OptionalLeaves() => Inputs.SelectMany(i => i.OptionalLeaves());
}

/// <summary>The datums of every input, one after the other.</summary>
public sealed record UnionInput(IReadOnlyList<PipelineInput> Inputs) : PipelineInput
{
    public override IEnumerable<PfsInput> Leaves() => Inputs.SelectMany(i => i.Leaves());
    public override IEnumerable<PfsInput> OptionalLeaves() => Leaves();
}

/// <summary>One datum per group key holding every datum of every input with that key: an input with no datums leaves
/// the others' groups whole (which is how an optional input is read: a cross with it would have no datums).</summary>
public sealed record GroupInput(IReadOnlyList<PfsInput> Inputs) : PipelineInput
{
    public override IEnumerable<PfsInput> Leaves() => Inputs;
    public override IEnumerable<PfsInput> OptionalLeaves() => Inputs;
}
