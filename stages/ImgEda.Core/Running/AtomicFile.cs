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
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}{TempMarker}{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
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

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
