using System.Collections.Concurrent;
using ImgEda.Core.Pfs;
using ImgEda.Engine.Datums;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Jobs;

/// <summary>One folder per repo (checkouts/&lt;repo&gt;/) holding a commit's files as hard links, brought to a new
/// commit by its difference only. A datum over a whole repo (glob "/": merge, gate, plot) mounts it instead of linking
/// every file again, so those jobs cost what changed, not the repo's size. A checkout interrupted mid-update has no
/// state file and is rebuilt from scratch.</summary>
public sealed class RepoCheckouts(EngineHome home, Func<string, IReadOnlyList<RepoFile>> filesOfCommit)
{
    private static readonly ConcurrentDictionary<string, Lock> Gates = new(StringComparer.Ordinal);

    private string Root => Path.Combine(home.Root, "checkouts");

    /// <summary>The folder holding <paramref name="commitId"/>'s files; readers must not write into it.</summary>
    public string At(string repo, string commitId)
    {
        lock (Gates.GetOrAdd(repo, _ => new Lock()))
        {
            var folder = Path.Combine(Root, repo);
            var state = folder + ".commit";
            var current = File.Exists(state) && Directory.Exists(folder) ? File.ReadAllText(state).Trim() : null;
            if (current == commitId) return folder;
            Directory.CreateDirectory(Root);
            File.Delete(state);
            var wanted = filesOfCommit(commitId);
            if (current is null)
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                Directory.CreateDirectory(folder);
                // Tens of thousands of links on a first run: made side by side.
                Parallel.ForEach(wanted,
                    file => home.Objects.Materialize(file.Object, Path.Combine(folder, file.Path)));
            }
            else
            {
                var had = filesOfCommit(current).ToDictionary(f => f.Path, f => f.Object, StringComparer.Ordinal);
                var want = wanted.ToDictionary(f => f.Path, f => f.Object, StringComparer.Ordinal);
                var changes = PathChanges.Between(had, want);
                foreach (var path in changes.Removed.Concat(changes.Changed)) File.Delete(Path.Combine(folder, path));
                foreach (var path in changes.Added.Concat(changes.Changed))
                    home.Objects.Materialize(want[path], Path.Combine(folder, path));
            }
            File.WriteAllText(state, commitId);
            return folder;
        }
    }
}
