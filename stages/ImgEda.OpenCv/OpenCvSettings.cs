namespace ImgEda.OpenCv;

/// <summary>Settings applied when the shim is first loaded, so a run that never needs pixels never pays for loading
/// OpenCV (~110 ms and 140 shared libraries).</summary>
public static class OpenCvSettings
{
    /// <summary>OpenCV's own thread count; -1 keeps its default. Steps that parallelise across images set 1.</summary>
    public static int Threads { get; set; } = -1;
}
