namespace ImgEda.Engine.Storage;

/// <summary>What a path is in itself, its last component not followed (as lstat says).</summary>
public enum PathKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,

    /// <summary>A FIFO, socket or device: reading one may block forever or never end.</summary>
    Special,
}
