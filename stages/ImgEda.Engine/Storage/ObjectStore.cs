using System.Security.Cryptography;
using ImgEda.Core;
using ImgEda.Core.Running;

namespace ImgEda.Engine.Storage;

/// <summary>File contents stored once, named by their sha256 (objects/ab/cdef...). An object appears by rename of a
/// complete temporary file, so a killed writer leaves at most a temporary file, never a short object.</summary>
public sealed class ObjectStore(string root)
{
    public static readonly DateTime FixedTime = new(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _folders =
        new(StringComparer.Ordinal);

    private string Temporary => Path.Combine(root, "tmp");

    public string PathOf(string hash) => Path.Combine(root, hash[..2], hash[2..]);

    public bool Contains(string hash) => File.Exists(PathOf(hash));

    /// <summary>Copies a file in, hashing it on the way; returns its hash and size.</summary>
    public (string Hash, long Size) AddCopy(string source)
    {
        Directory.CreateDirectory(Temporary);
        var temporary = Path.Combine(Temporary, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        string hash;
        long size;
        using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[1 << 16];
            for (int n; (n = input.Read(buffer)) > 0;)
            {
                sha.AppendData(buffer, 0, n);
                output.Write(buffer, 0, n);
            }
            output.Flush(flushToDisk: true);
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            size = output.Length;
        }
        Publish(temporary, hash);
        return (hash, size);
    }

    /// <summary>Moves a file the engine owns (a step's output) in; returns its hash and size.</summary>
    public (string Hash, long Size) AddMove(string source)
    {
        string hash;
        long size;
        using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(input));
            size = input.Length;
        }
        try
        {
            Publish(source, hash);
        }
        catch (UnauthorizedAccessException)
        {
            // Written by a container's user: we may read it but not take it over.
            AddCopy(source);
            File.Delete(source);
        }
        return (hash, size);
    }

    private void Publish(string file, string hash)
    {
        var target = PathOf(hash);
        if (File.Exists(target))
        {
            File.Delete(file);
            return;
        }
        // A batch stores tens of thousands of files into 256 folders: each is made (asked for) once.
        if (!_folders.ContainsKey(hash[..2]))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            _folders[hash[..2]] = true;
        }
        // Content decides everything downstream (analyze records mtime): every object gets the same fixed time, as
        // reproducible builds do. Pachyderm does not keep modification times either.
        File.SetLastWriteTimeUtc(file, FixedTime);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(file, target, overwrite: true);
    }

    /// <summary>Places an object at <paramref name="destination"/> as a hard link (no copy), else a copy.</summary>
    public void Materialize(string hash, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        if (Libc.Link(PathOf(hash), destination) != 0) File.Copy(PathOf(hash), destination);
    }

    /// <summary>How many objects the store holds (temporary files not counted).</summary>
    public int Count() => Directory.Exists(root)
        ? Directory.EnumerateDirectories(root).Where(d => Path.GetFileName(d).Length == 2)
            .Sum(d => Directory.EnumerateFiles(d).Count())
        : 0;

    /// <summary>Removes the temporary files of writers that are gone (a `put` may be running next to us).</summary>
    public int RemoveAbandoned() => Directory.Exists(Temporary)
        ? AbandonedTemporaries.Remove(Directory.EnumerateFiles(Temporary), name => name.Split('-')[0])
        : 0;
}
