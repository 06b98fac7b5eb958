using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImgEda.Core.Running;

namespace ImgEda.Core.Pfs;

/// <summary>`--list-shards N`: the shards with one content fingerprint each, as JSON for Argo's withParam. The
/// fingerprint is the sha256 of the step version, the steps' algorithm versions and every member's path and content
/// hash, in hex: an Argo memoize key built from it changes exactly when a shard's images or what a step computes
/// do, and it holds neither '.' nor '/', which Argo refuses in a key (workflow/controller/cache/cache.go). `key`
/// ("I-of-N") is key-safe too.</summary>
public static class ShardList
{
    public static JsonArray Build(PfsLayout layout, int count, Action<string> onSkipped)
    {
        var members = Enumerable.Range(0, count).Select(_ => new List<string>()).ToArray();
        foreach (var datum in new DatumScanner(layout, onSkipped).Scan())
        {
            var shard = Enumerable.Range(0, count).First(i => new Shard(i, count).Contains(datum));
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(datum.FullPath)));
            members[shard].Add($"{datum}\t{sha256}\n");
        }
        return new JsonArray([.. members.Select((lines, i) => (JsonNode)new JsonObject
        {
            ["shard"] = new Shard(i, count).ToString(),
            ["key"] = $"{i}-of-{count}",
            ["fingerprint"] = Fingerprint(lines),
            ["datums"] = lines.Count,
        })]);
    }

    private static string Fingerprint(IEnumerable<string> lines)
    {
        var algorithms = string.Join(' ',
            StepAlgorithmVersions.Steps.Select(step => $"{step}/{StepAlgorithmVersions.Of(step)}"));
        var text = $"step-version\t{StepRunner.StepVersion}\nalgorithms\t{algorithms}\n"
                   + string.Concat(lines.Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
