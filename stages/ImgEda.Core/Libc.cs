using System.Runtime.InteropServices;

namespace ImgEda.Core;

/// <summary>Every C library call the programs make, in one place (as OpenCvSharp holds the OpenCV ones): what .NET
/// does not offer — directory locks, parent-death signals, file descriptors for capturing the decoder's stderr,
/// hard links, statx without following links, the malloc and environment settings the native decoder reads.
/// Source-generated (LibraryImport), so Native AOT binds them at build time.</summary>
public static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "dup")]
    public static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "dup2")]
    public static partial int Dup2(int fd, int fd2);

    [LibraryImport("libc", EntryPoint = "pipe")]
    public static partial int Pipe([Out] int[] fds);

    [LibraryImport("libc", EntryPoint = "write")]
    public static unsafe partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Link(string existing, string created);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "getppid")]
    public static partial int GetParentProcessId();

    [LibraryImport("libc", EntryPoint = "prctl")]
    public static partial int Prctl(int option, nint argument);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "mallopt")]
    public static partial int Mallopt(int parameter, int value);

    [LibraryImport("libc", EntryPoint = "abort")]
    public static partial void Abort();
}
