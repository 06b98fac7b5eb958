namespace ImgEda.OpenCv;

/// <summary>The one exception type for every failure inside OpenCV or the shim; carries OpenCV's own message.</summary>
public sealed class OpenCvException(string message) : Exception(message)
{
    internal static OpenCvException FromLastError(string operation)
    {
        var detail = Native.ShimNative.LastError();
        return new OpenCvException(string.IsNullOrEmpty(detail) ? $"{operation} failed" : $"{operation}: {detail.Trim()}");
    }
}
