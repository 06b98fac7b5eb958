using System.Runtime.InteropServices;
using OpenCvSharp;

namespace ImgEda.Analyze;

/// <summary>A native buffer that backs a Mat of any size up to the largest it has held, reused from image to image.
/// OpenCV writes into a destination Mat of the right size and type in place, so an image costs no fresh pages: with
/// a new Mat per image, glibc handed each freed buffer back to the kernel and faulting it in again took ~15% of
/// analyze's CPU. Sizes over <see cref="MaxRetainedBytes"/> get a Mat of their own, so that one huge image does not
/// hold its memory for the rest of the run.</summary>
public sealed class ScratchMat
{
    private const long MaxRetainedBytes = 64L << 20;
    private IntPtr _data;
    private long _capacity;

    /// <summary>A rows x cols Mat of <paramref name="type"/>, contents undefined; dispose it after use (the buffer
    /// stays).</summary>
    public Mat Get(int rows, int cols, MatType type)
    {
        var bytes = (long)rows * cols * type.Channels * ElementBytes(type);
        if (bytes > MaxRetainedBytes) return new Mat(rows, cols, type);
        if (bytes > _capacity)
        {
            if (_data != IntPtr.Zero) Marshal.FreeHGlobal(_data);
            _data = Marshal.AllocHGlobal((nint)bytes);
            _capacity = bytes;
        }
        return Mat.FromPixelData(rows, cols, type, _data);
    }

    private static int ElementBytes(MatType type) => type.Depth switch
    {
        MatType.CV_8U or MatType.CV_8S => 1,
        MatType.CV_16U or MatType.CV_16S or MatType.CV_16F => 2,
        MatType.CV_32S or MatType.CV_32F => 4,
        _ => 8,
    };
}
