using ImgEda.Engine.Datums;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Jobs;

/// <summary>A /pfs folder for one run of a step: each input's files where Pachyderm would mount them
/// (&lt;root&gt;/&lt;input&gt;/&lt;path in repo&gt;, hard links to the stored objects) and an empty out/.</summary>
public static class DatumWorkspace
{
    /// <param name="wholeRepo">A folder already holding every file of a part's input commit to mount as the input (a
    /// symbolic link), or null to link the part's files one by one.</param>
    public static string Create(
        ObjectStore objects,
        string root,
        IEnumerable<DatumPart> parts,
        IEnumerable<string> inputs,
        Func<DatumPart, string?>? wholeRepo = null)
    {
        Directory.CreateDirectory(root);
        var mounted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (mounted.Contains(part.Input) || wholeRepo?.Invoke(part) is not { } folder) continue;
            Directory.CreateSymbolicLink(Path.Combine(root, part.Input), folder);
            mounted.Add(part.Input);
        }
        foreach (var input in inputs.Where(i => !mounted.Contains(i)))
            Directory.CreateDirectory(Path.Combine(root, input));
        foreach (var part in parts.Where(p => !mounted.Contains(p.Input)))
        {
            foreach (var file in part.Files)
                objects.Materialize(file.Object, Path.Combine(root, part.Input, file.Path));
        }
        var output = Path.Combine(root, "out");
        Directory.CreateDirectory(output);
        // A step in a container runs as its own user: it must be able to write here.
        File.SetUnixFileMode(output, (UnixFileMode)0b111_111_111);
        return root;
    }

    /// <summary>The variables Pachyderm sets for a datum: PACH_DATUM_ID, and each input's name = the datum's path in
    /// it.</summary>
    public static Dictionary<string, string> Variables(string root, JobDatum datum, string jobId)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PACH_DATUM_ID"] = datum.Hash,
            ["PACH_JOB_ID"] = jobId,
        };
        foreach (var part in datum.Parts)
            variables[part.Input] = Path.Combine(root, part.Input, part.MatchedPath.TrimStart('/'));
        return variables;
    }
}
