namespace ImgEda.Testing;

/// <summary>A fresh folder under /tmp, removed on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("imgeda-test-").FullName;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>A /pfs layout: &lt;root&gt;/&lt;input&gt; filled with copies of <paramref name="files"/>.</summary>
    public string Pfs(string input, IEnumerable<string> files)
    {
        var dir = Directory.CreateDirectory(this[$"pfs/{input}"]).FullName;
        foreach (var f in files) File.Copy(f, System.IO.Path.Combine(dir, System.IO.Path.GetFileName(f)));
        return this["pfs"];
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
