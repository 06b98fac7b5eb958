namespace ImgEda.Engine.Jobs;

/// <summary>A step left something in out/ that is not a regular file or folder (a symbolic link, a FIFO, a device):
/// its datum fails, and nothing is read through it.</summary>
public sealed class OutputRefusedException(string message) : Exception(message);
