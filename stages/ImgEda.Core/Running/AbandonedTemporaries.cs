using System.Globalization;

namespace ImgEda.Core.Running;

/// <summary>Temporary files and folders carry the id of the process that writes them, so a later run can remove what
/// a killed writer left (SIGKILL runs no clean-up) and keep what a live one is writing. Call it before this process
/// writes any: an entry named with our own id was left by an earlier process that had the same id (containers and
/// PID namespaces hand out the same small ids again).</summary>
public static class AbandonedTemporaries
{
    /// <summary>Removes the entries whose writer is gone; <paramref name="writerOf"/> reads the writer's process id
    /// from an entry's name (null or garbage: nobody can be writing it). Returns how many were removed.</summary>
    public static int Remove(IEnumerable<string> entries, Func<string, string?> writerOf)
    {
        var removed = 0;
        foreach (var entry in entries)
            if (!IsWriterAlive(writerOf(Path.GetFileName(entry))) && TryDelete(entry)) removed++;
        return removed;
    }

    private static bool IsWriterAlive(string? pid) =>
        int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        && id != Environment.ProcessId
        && LiveProcess.IsAlive(id);

    private static bool TryDelete(string entry)
    {
        try
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
