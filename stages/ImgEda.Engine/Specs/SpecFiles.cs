using ImgEda.Core;

namespace ImgEda.Engine.Specs;

/// <summary>Spec files named on the command line, folders expanded, ordered so that upstream specs come
/// first.</summary>
public static class SpecFiles
{
    public static List<PipelineSpec> Read(IEnumerable<string> paths)
    {
        var files = paths
            .SelectMany(p => Directory.Exists(p)
                ? Directory.GetFiles(p, "*.json").Order(StringComparer.Ordinal).ToArray()
                : [p])
            .ToList();
        var specs = new List<PipelineSpec>();
        foreach (var file in files)
        {
            if (!File.Exists(file)) throw new UsageException($"{file}: no such spec file");
            specs.Add(PipelineSpec.Parse(File.ReadAllText(file), file));
        }
        // A spec may read another's output repo: create the upstream one first.
        var names = specs.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var ordered = new List<PipelineSpec>();
        var pending = specs.ToList();
        while (pending.Count > 0)
        {
            var ready = pending
                .Where(s => s.Input.Leaves().All(l => !names.Contains(l.Repo) || ordered.Any(o => o.Name == l.Repo)))
                .ToList();
            if (ready.Count == 0)
                throw new UsageException(
                    $"the specs {string.Join(", ", pending.Select(s => s.Name))} read each other's outputs in a cycle");
            ordered.AddRange(ready);
            pending.RemoveAll(ready.Contains);
        }
        return ordered;
    }
}
