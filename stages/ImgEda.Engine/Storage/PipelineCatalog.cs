using ImgEda.Core;
using ImgEda.Engine.Specs;

namespace ImgEda.Engine.Storage;

/// <summary>The pipelines created from spec files; each owns an output repo of its name.</summary>
public sealed class PipelineCatalog(MetadataDb db, RepoCatalog repos)
{
    public sealed record Entry(PipelineSpec Spec, long Version, string Created, string Updated);

    /// <summary>Creates the pipeline (and its output repo), or with <paramref name="update"/> replaces its spec.
    /// Returns the version now current.</summary>
    public long Save(PipelineSpec spec, bool update)
    {
        long version = 0;
        db.InTransaction(() =>
        {
            var existing = Get(spec.Name);
            if (existing is not null && !update)
                throw new UsageException(
                    $"pipeline {spec.Name} exists; change it with: imgeda pipeline update -f <spec>");
            if (existing is null && update)
                throw new UsageException(
                    $"no pipeline named {spec.Name}; create it with: imgeda pipeline create -f <spec>");
            // A deleted pipeline's output repo stays; the same pipeline may take it back.
            if (existing is null && repos.Exists(spec.Name) && repos.PipelineOf(spec.Name) != spec.Name)
                throw new UsageException($"a repo named {spec.Name} exists already; "
                    + "a pipeline's output repo takes the pipeline's name");
            foreach (var leaf in spec.Input.Leaves().Where(l => !repos.Exists(l.Repo)))
                throw new UsageException($"pipeline {spec.Name} reads repo '{leaf.Repo}', which does not exist; "
                    + $"create it (imgeda repo create {leaf.Repo}) or create its pipeline first");
            version = existing is null ? 1 : existing.Spec.Json == spec.Json ? existing.Version : existing.Version + 1;
            var now = RepoCatalog.Now();
            db.Execute("""
                INSERT INTO pipelines(name, spec, version, created, updated) VALUES($n, $s, $v, $now, $now)
                ON CONFLICT(name) DO UPDATE SET
                    spec = excluded.spec, version = excluded.version, updated = excluded.updated
                """, ("$n", spec.Name), ("$s", spec.Json), ("$v", version), ("$now", now));
            repos.Create(spec.Name, pipeline: spec.Name);
            // An update that makes pipelines read each other's outputs in a circle is undone here (InOrder throws).
            InOrder();
        });
        return version;
    }

    public Entry? Get(string name) => db
        .Query("SELECT name, spec, version, created, updated FROM pipelines WHERE name = $n", ReadEntry, ("$n", name))
        .FirstOrDefault();

    private static Entry ReadEntry(Microsoft.Data.Sqlite.SqliteDataReader r)
    {
        var spec = PipelineSpec.Parse(r.GetString(1), $"pipeline {r.GetString(0)}");
        return new Entry(spec, r.GetInt64(2), r.GetString(3), r.GetString(4));
    }

    /// <summary>Every pipeline, upstream before downstream.</summary>
    public List<Entry> InOrder()
    {
        var all = db.Query("SELECT name, spec, version, created, updated FROM pipelines ORDER BY name", ReadEntry);
        var byName = all.ToDictionary(e => e.Spec.Name, StringComparer.Ordinal);
        var ordered = new List<Entry>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal);
        void Visit(Entry entry)
        {
            if (state.TryGetValue(entry.Spec.Name, out var done))
            {
                if (!done) throw new UsageException($"pipelines form a cycle through {entry.Spec.Name}");
                return;
            }
            state[entry.Spec.Name] = false;
            foreach (var leaf in entry.Spec.Input.Leaves())
                if (byName.TryGetValue(leaf.Repo, out var upstream)) Visit(upstream);
            state[entry.Spec.Name] = true;
            ordered.Add(entry);
        }
        foreach (var entry in all) Visit(entry);
        return ordered;
    }

    public void Delete(string name) => db.InTransaction(() =>
    {
        if (db.Execute("DELETE FROM pipelines WHERE name = $n", ("$n", name)) == 0)
            throw new UsageException($"no pipeline named {name}");
    });
}
