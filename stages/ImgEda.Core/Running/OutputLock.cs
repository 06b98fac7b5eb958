using System.Runtime.InteropServices;

namespace ImgEda.Core.Running;

/// <summary>An exclusive lock on the output folder itself (flock on the directory: no lock file, so nothing extra lands
/// in the output), held for the whole run: a second step writing the same folder is refused instead of interleaving.
/// Released by the kernel when the process ends, however it ends.</summary>
public sealed partial class OutputLock : IDisposable
{
    private const int ReadOnly = 0, Directory = 0x10000, CloseOnExec = 0x80000, LockExclusive = 2, LockNonBlocking = 4;
    private readonly int _fd;

    private OutputLock(int fd) => _fd = fd;

    /// <summary>Takes the lock, or throws <see cref="OutputNotWritableException"/> naming what holds it.</summary>
    public static OutputLock Acquire(string outDir)
    {
        var fd = Open(outDir, ReadOnly | Directory | CloseOnExec);
        if (fd < 0) throw new OutputNotWritableException($"cannot open {outDir} to lock it (errno {Marshal.GetLastPInvokeError()})");
        if (Flock(fd, LockExclusive | LockNonBlocking) == 0) return new OutputLock(fd);
        Close(fd);
        throw new OutputNotWritableException($"another imgeda step is writing to {outDir}; wait for it to finish, or give this one its own output folder");
    }

    public void Dispose() => Close(_fd);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
