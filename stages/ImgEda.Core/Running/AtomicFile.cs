namespace ImgEda.Core.Running;

/// <summary>Writes a file under a temporary dot-name in the same folder, then renames it into place, so a reader
/// (Pachyderm, merge, the engine) never sees half a file, even when the process is killed mid-write.</summary>
public static class AtomicFile
{
    public const string TempMarker = ".imgeda-tmp-";

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        // Short whatever the final name is (which may be up to 255 bytes itself).
        var temp = Path.Combine(directory, $"{TempMarker}{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(
                temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: false);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void Copy(string source, string destination)
    {
        if (Path.GetFullPath(source) == Path.GetFullPath(destination)) return;
        Write(destination, File.ReadAllBytes(source));
    }

    /// <summary>Removes temporary files that killed processes left under <paramref name="directory"/>; a live
    /// process's (another step writing there now) are kept.</summary>
    public static int RemoveAbandoned(string directory)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = 0,
        };
        var temporaries = Directory.EnumerateFiles(directory, $"*{TempMarker}*", options);
        return AbandonedTemporaries.Remove(temporaries, name => WriterOf(name).Split('-')[0]);
    }

    private static string WriterOf(string name) =>
        name[(name.LastIndexOf(TempMarker, StringComparison.Ordinal) + TempMarker.Length)..];

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
