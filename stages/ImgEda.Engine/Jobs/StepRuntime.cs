namespace ImgEda.Engine.Jobs;

/// <summary>Where a pipeline's command runs: as a local process (the steps next to the engine, else on PATH), or in
/// the spec's container image with podman or docker.</summary>
public enum StepRuntime
{
    Process,
    Container,
}
