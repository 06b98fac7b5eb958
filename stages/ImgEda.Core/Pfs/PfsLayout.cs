namespace ImgEda.Core.Pfs;

/// <summary>The directories Pachyderm mounts: every DIR/&lt;name&gt; but DIR/out and hidden folders is an input;
/// output goes to DIR/out. Pachyderm 2.x keeps its scratch space at /pfs/.scratch while user code runs (the inputs
/// and out are links into it), so a dot-folder is never an input unless --input names it.</summary>
public sealed class PfsLayout
{
    public string Root { get; }
    public string Out { get; }
    public IReadOnlyList<string> Inputs { get; }

    private PfsLayout(string root, IReadOnlyList<string> inputs)
    {
        Root = root;
        Out = Path.Combine(root, "out");
        Inputs = inputs;
    }

    /// <summary>The /pfs root: the option, else $PFS_ROOT, else /pfs.</summary>
    public static string ResolveRoot(string? option)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PFS_ROOT") is { Length: > 0 } env ? env : "/pfs";
        return Path.GetFullPath(option ?? fromEnvironment);
    }

    /// <summary>Finds the inputs; <paramref name="only"/> narrows them to the named ones. Throws UsageException with
    /// what to do.</summary>
    public static PfsLayout Open(string root, IReadOnlyCollection<string> only)
    {
        if (!Directory.Exists(root))
            throw new UsageException($"{root} does not exist: mount the inputs under it (as Pachyderm does) "
                + "or point --pfs / $PFS_ROOT at a folder holding <input>/ and out/");
        var inputs = Directory.EnumerateDirectories(root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => only.Count == 0 ? name != "out" && !name.StartsWith('.') : only.Contains(name))
            .Order(StringComparer.Ordinal)
            .ToList();
        var missing = only.Where(name => !inputs.Contains(name)).ToList();
        if (missing.Count > 0) throw new UsageException($"no input named {string.Join(", ", missing)} under {root}");
        if (inputs.Count == 0)
            throw new UsageException(
                $"no input folders under {root} (expected {root}/<input>/..., as Pachyderm mounts them)");
        return new PfsLayout(root, inputs);
    }

    public string InputDirectory(string input) => Path.Combine(Root, input);

    /// <summary>Under Pachyderm, the datum's path when it is a folder, else null. Pachyderm sets a variable named after
    /// each input to the datum's path in it; a glob such as /** matches folders as well as the files inside
    /// them.</summary>
    public string? FolderDatum() =>
        Inputs
            .Select(Environment.GetEnvironmentVariable)
            .FirstOrDefault(path => path is { Length: > 0 } && Directory.Exists(path));
}
