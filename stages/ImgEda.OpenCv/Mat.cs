using System.Runtime.InteropServices;
using ImgEda.OpenCv.Native;

namespace ImgEda.OpenCv;

/// <summary>An owned cv::Mat. Released by the SafeHandle machinery even when a caller forgets to dispose it.</summary>
public sealed class Mat : SafeHandle
{
    public Mat() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        CoreNative.MatRelease(handle);
        return true;
    }

    public int Rows => Info().Rows;
    public int Cols => Info().Cols;
    public MatType Type => (MatType)Info().Type;
    public int Channels => Type.Channels;
    public int ElementSize => Type.Depth.Bytes() * Channels;

    private (int Rows, int Cols, int Type) Info()
    {
        if (CoreNative.MatInfo(this, out var rows, out var cols, out var type) != 0) throw OpenCvException.FromLastError("Mat info");
        return (rows, cols, type);
    }

    /// <summary>Copies the pixels out, row-major, channels interleaved (OpenCV's BGR order for colour images).</summary>
    public unsafe T[] ToArray<T>() where T : unmanaged
    {
        var (rows, cols, type) = Info();
        var mt = (MatType)type;
        if (mt.Depth.Bytes() != sizeof(T)) throw new ArgumentException($"Mat depth {mt.Depth} does not fit {typeof(T).Name}");
        var result = new T[(long)rows * cols * mt.Channels];
        fixed (T* p = result)
        {
            if (CoreNative.MatCopyPixels(this, (byte*)p, (long)result.Length * sizeof(T)) < 0) throw OpenCvException.FromLastError("copy pixels");
        }
        return result;
    }

    /// <summary>Copies the pixels into <paramref name="destination"/> (at least Rows x Cols x Channels elements), so a caller
    /// can reuse one buffer across images instead of allocating a large array per image.</summary>
    public unsafe int CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        var (rows, cols, type) = Info();
        var mt = (MatType)type;
        if (mt.Depth.Bytes() != sizeof(T)) throw new ArgumentException($"Mat depth {mt.Depth} does not fit {typeof(T).Name}");
        var count = checked(rows * cols * mt.Channels);
        if (destination.Length < count) throw new ArgumentException($"destination holds {destination.Length} elements, the Mat has {count}");
        fixed (T* p = destination)
        {
            if (CoreNative.MatCopyPixels(this, (byte*)p, (long)count * sizeof(T)) < 0) throw OpenCvException.FromLastError("copy pixels");
        }
        return count;
    }

    /// <summary>A new Mat holding a copy of <paramref name="pixels"/> (rows x cols, interleaved channels).</summary>
    public static unsafe Mat FromPixels<T>(int rows, int cols, MatType type, ReadOnlySpan<T> pixels) where T : unmanaged
    {
        fixed (T* p = pixels)
        {
            return Checked(CoreNative.MatFromPixels(rows, cols, type.Value, (byte*)p, (long)pixels.Length * sizeof(T)), "Mat from pixels");
        }
    }

    internal static Mat Checked(Mat result, string operation)
    {
        if (!result.IsInvalid) return result;
        result.Dispose();
        throw OpenCvException.FromLastError(operation);
    }
}
