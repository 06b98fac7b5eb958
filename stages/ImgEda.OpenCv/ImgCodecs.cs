using System.Runtime.InteropServices;
using ImgEda.OpenCv.Native;

namespace ImgEda.OpenCv;

/// <summary>cv::ImreadModes used here.</summary>
[Flags]
public enum ImreadModes
{
    Unchanged = -1,
    Grayscale = 0,
    Color = 1,
    AnyDepth = 2,
    AnyColor = 4,
    ReducedGrayscale2 = 16,
    ReducedColor2 = 17,
    ReducedGrayscale4 = 32,
    ReducedColor4 = 33,
    ReducedGrayscale8 = 64,
    ReducedColor8 = 65,
}

/// <summary>The imgcodecs module: decoding and encoding.</summary>
public static class ImgCodecs
{
    /// <summary>cv::imread; null when OpenCV cannot decode the file (imread's own silent failure).</summary>
    public static Mat? Read(string path, ImreadModes mode = ImreadModes.Color) => NullWhenEmpty(ImgcodecsNative.Imread(path, (int)mode), "imread");

    /// <summary>cv::imdecode; null when OpenCV cannot decode the bytes.</summary>
    public static unsafe Mat? Decode(ReadOnlySpan<byte> bytes, ImreadModes mode = ImreadModes.Color)
    {
        fixed (byte* p = bytes)
        {
            return NullWhenEmpty(ImgcodecsNative.Imdecode(p, bytes.Length, (int)mode), "imdecode");
        }
    }

    /// <summary>cv::imencode to a byte array; <paramref name="extension"/> like ".png" or ".jpg".</summary>
    public static unsafe byte[] Encode(string extension, Mat mat, params ReadOnlySpan<int> parameters)
    {
        fixed (int* p = parameters)
        {
            if (ImgcodecsNative.Imencode(extension, mat, p, parameters.Length, out var buffer, out var length) != 0)
                throw OpenCvException.FromLastError($"imencode {extension}");
            try
            {
                return new ReadOnlySpan<byte>((void*)buffer, checked((int)length)).ToArray();
            }
            finally
            {
                ShimNative.Free(buffer);
            }
        }
    }

    public const int ImwriteJpegQuality = 1;
    public const int ImwritePngCompression = 16;
    public const int ImwritePngStrategy = 17;
    public const int PngStrategyRle = 3;

    private static Mat? NullWhenEmpty(Mat result, string operation)
    {
        if (!result.IsInvalid) return result;
        result.Dispose();
        var error = ShimNative.LastError();
        if (!string.IsNullOrEmpty(error)) throw new OpenCvException($"{operation}: {error.Trim()}");
        return null;
    }
}
