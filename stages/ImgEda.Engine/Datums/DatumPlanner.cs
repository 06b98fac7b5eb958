using System.Security.Cryptography;
using System.Text;
using ImgEda.Engine.Specs;

namespace ImgEda.Engine.Datums;

/// <summary>Splits the input commits into datums as Pachyderm does: each pfs input by its glob (files and folders at
/// any matching path), cross = every combination, union = one after the other, group = one datum per key.</summary>
public static class DatumPlanner
{
    /// <param name="filesOf">The sorted files of the head commit of each pfs input, by input name.</param>
    public static IReadOnlyList<JobDatum> Plan(PipelineSpec spec, Func<PfsInput, IReadOnlyList<RepoFile>> filesOf) =>
        Expand(spec.Input, filesOf).Select(parts => new JobDatum(HashOf(spec.TransformKey, parts), parts)).ToList();

    private static IEnumerable<IReadOnlyList<DatumPart>> Expand(
        PipelineInput input,
        Func<PfsInput, IReadOnlyList<RepoFile>> filesOf)
    {
        return input switch
        {
            PfsInput pfs => Split(pfs, filesOf(pfs)).Select(part => (IReadOnlyList<DatumPart>)[part]),
            UnionInput union => union.Inputs.SelectMany(i => Expand(i, filesOf)),
            CrossInput cross => cross.Inputs.Aggregate(
                (IEnumerable<IReadOnlyList<DatumPart>>)[[]],
                (combinations, next) => combinations
                    .SelectMany(
                        _ => Expand(next, filesOf),
                        (left, right) => (IReadOnlyList<DatumPart>)[.. left, .. right])
                    .ToList()),
            GroupInput group => group.Inputs
                .SelectMany(pfs => Split(pfs, filesOf(pfs)).Select(part => (Key: pfs.GroupBy!, Part: part)))
                .GroupBy(p => p.Key, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (IReadOnlyList<DatumPart>)[.. g.Select(p => p.Part)]),
            _ => throw new NotSupportedException(input.GetType().Name),
        };
    }

    /// <summary>The datums of one pfs input. <paramref name="files"/> is sorted by path (ordinal), so the files under a
    /// folder are one contiguous run.</summary>
    public static IEnumerable<DatumPart> Split(PfsInput input, IReadOnlyList<RepoFile> files)
    {
        // The root folder exists in every commit, an empty one too: a step over the whole repo (merge, gate, plot)
        // runs on an emptied dataset and says so, instead of leaving its last result standing.
        if (input.Glob.IsWholeRepo)
        {
            yield return new DatumPart(input.Name, input.Repo, "/", files);
            yield break;
        }
        if (files.Count == 0) yield break;
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            for (var slash = file.Path.IndexOf('/'); slash > 0; slash = file.Path.IndexOf('/', slash + 1))
                folders.Add(file.Path[..slash]);
        }
        var matches = new List<DatumPart>();
        foreach (var folder in folders)
        {
            if (input.Glob.Matches("/" + folder))
                matches.Add(new DatumPart(input.Name, input.Repo, "/" + folder, Under(files, folder + "/")));
        }
        foreach (var file in files)
        {
            if (input.Glob.Matches("/" + file.Path))
                matches.Add(new DatumPart(input.Name, input.Repo, "/" + file.Path, [file]));
        }
        foreach (var part in matches.OrderBy(p => p.MatchedPath, StringComparer.Ordinal)) yield return part;
    }

    private static List<RepoFile> Under(IReadOnlyList<RepoFile> files, string prefix)
    {
        int low = 0, high = files.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(files[middle].Path, prefix) < 0) low = middle + 1; else high = middle;
        }
        var under = new List<RepoFile>();
        for (var i = low; i < files.Count && files[i].Path.StartsWith(prefix, StringComparison.Ordinal); i++)
            under.Add(files[i]);
        return under;
    }

    /// <summary>SHA-256 over the transform key, then per part a line naming its input and matched path and a line per
    /// file (path, object), each line ending in a newline; hashed in one go (a hash object per datum cost more than the
    /// hashing).</summary>
    private static string HashOf(string transformKey, IReadOnlyList<DatumPart> parts)
    {
        var text = new StringBuilder(256).Append(transformKey).Append('\n');
        foreach (var part in parts)
        {
            text.Append("input\t").Append(part.Input).Append('\t').Append(part.MatchedPath).Append('\n');
            foreach (var file in part.Files) text.Append(file.Path).Append('\t').Append(file.Object).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
