using System.Security.Cryptography;

namespace ImgEda.Engine.Storage;

/// <summary>`imgeda check`: every file of every commit, and every remembered datum output, has its object in the
/// store (with --deep: with the content its name says).</summary>
public static class StoreCheck
{
    public static List<string> Run(MetadataDb db, ObjectStore objects, bool deep)
    {
        var problems = new List<string>();
        var referenced = db.Query(
            "SELECT object FROM files WHERE object != '' UNION SELECT object FROM datum_outputs",
            r => r.GetString(0));
        foreach (var hash in referenced)
        {
            var path = objects.PathOf(hash);
            if (!File.Exists(path)) problems.Add($"object {hash} is missing");
            else if (deep)
            {
                using var stream = File.OpenRead(path);
                if (Convert.ToHexStringLower(SHA256.HashData(stream)) != hash)
                    problems.Add($"object {hash} does not hold the content its name says");
            }
        }
        problems.AddRange(db.Query(
            "SELECT id FROM jobs WHERE output_commit IS NOT NULL AND output_commit NOT IN (SELECT id FROM commits)",
            r => $"job {r.GetString(0)} names an output commit that is not there"));
        problems.AddRange(db.Query(
            "SELECT c.id FROM commits c WHERE c.parent IS NOT NULL AND c.parent NOT IN (SELECT id FROM commits)",
            r => $"commit {r.GetString(0)} names a parent that is not there"));
        return problems;
    }
}
