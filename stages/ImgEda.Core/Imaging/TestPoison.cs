using System.Runtime.InteropServices;

namespace ImgEda.Core.Imaging;

/// <summary>Test-only switch: with IMGEDA_TEST_POISON=1, decoding bytes that contain IMGEDA-TEST-POISON-ABORT aborts
/// the process (as a native decoder crash does) and IMGEDA-TEST-POISON-HANG never returns, so tests can prove that a
/// crashing or hanging decoder does not take the other datums down. Real OpenCV crashes are rare but real.</summary>
internal static class TestPoison
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("IMGEDA_TEST_POISON") == "1";

    public static void Apply(ReadOnlySpan<byte> bytes)
    {
        if (!Enabled) return;
        if (bytes.IndexOf("IMGEDA-TEST-POISON-ABORT"u8) >= 0) Libc.Abort();
        if (bytes.IndexOf("IMGEDA-TEST-POISON-HANG"u8) >= 0) Thread.Sleep(Timeout.Infinite);
    }
}
