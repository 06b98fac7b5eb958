namespace ImgEda.OpenCv;

/// <summary>OpenCV's element depths (CV_8U ... CV_16F).</summary>
public enum MatDepth { U8 = 0, S8 = 1, U16 = 2, S16 = 3, S32 = 4, F32 = 5, F64 = 6, F16 = 7 }

public static class MatDepthExtensions
{
    public static int Bytes(this MatDepth depth) => depth switch
    {
        MatDepth.U8 or MatDepth.S8 => 1,
        MatDepth.U16 or MatDepth.S16 or MatDepth.F16 => 2,
        MatDepth.S32 or MatDepth.F32 => 4,
        _ => 8,
    };

    public static int Bits(this MatDepth depth) => depth.Bytes() * 8;
}

/// <summary>OpenCV's packed type (depth + channels), as CV_MAKETYPE builds it.</summary>
public readonly record struct MatType(int Value)
{
    public MatDepth Depth => (MatDepth)(Value & 7);
    public int Channels => (Value >> 3) + 1;

    public static MatType Make(MatDepth depth, int channels) => new((int)depth + ((channels - 1) << 3));

    public static readonly MatType CV_8UC1 = Make(MatDepth.U8, 1);
    public static readonly MatType CV_8UC3 = Make(MatDepth.U8, 3);
    public static readonly MatType CV_8UC4 = Make(MatDepth.U8, 4);
    public static readonly MatType CV_32FC1 = Make(MatDepth.F32, 1);
    public static readonly MatType CV_64FC1 = Make(MatDepth.F64, 1);

    public static explicit operator MatType(int value) => new(value);

    public override string ToString() => $"CV_{Depth}C{Channels}";
}
