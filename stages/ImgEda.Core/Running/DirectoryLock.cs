using System.Runtime.InteropServices;

namespace ImgEda.Core.Running;

/// <summary>An exclusive lock on a folder itself (flock on the directory: no lock file, so nothing extra lands in an
/// output), held for a whole run: a step's output folder, or the local engine's home. Released by the kernel when the
/// process ends, however it ends.</summary>
public sealed class DirectoryLock : IDisposable
{
    private const int ReadOnly = 0, Directory = 0x10000, CloseOnExec = 0x80000, LockExclusive = 2, LockNonBlocking = 4;
    private readonly int _fd;

    private DirectoryLock(int fd) => _fd = fd;

    /// <summary>Takes the lock on a step's output folder, or throws <see cref="BusyException"/> naming what holds
    /// it.</summary>
    public static DirectoryLock AcquireOutput(string outDir) =>
        TryAcquire(outDir) ?? throw new BusyException($"another imgeda step is writing to {outDir}; "
            + "wait for it to finish, or give this one its own output folder");

    /// <summary>Takes the lock, or returns null when another process holds it.</summary>
    public static DirectoryLock? TryAcquire(string directory) => Take(directory, wait: false);

    /// <summary>Waits for the lock.</summary>
    public static DirectoryLock Acquire(string directory) =>
        Take(directory, wait: true)
            ?? throw new OutputNotWritableException($"cannot lock {directory} (errno {Marshal.GetLastPInvokeError()})");

    private static DirectoryLock? Take(string directory, bool wait)
    {
        var fd = Libc.Open(directory, ReadOnly | Directory | CloseOnExec);
        if (fd < 0)
            throw new OutputNotWritableException(
                $"cannot open {directory} to lock it (errno {Marshal.GetLastPInvokeError()})");
        if (Libc.Flock(fd, wait ? LockExclusive : LockExclusive | LockNonBlocking) == 0) return new DirectoryLock(fd);
        Libc.Close(fd);
        return null;
    }

    public void Dispose() => Libc.Close(_fd);
}
