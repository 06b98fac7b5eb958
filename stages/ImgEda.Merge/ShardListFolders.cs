using System.Text.Json;
using System.Text.Json.Nodes;
using ImgEda.Core;

namespace ImgEda.Merge;

/// <summary>`--shard-list JSON`: the output of `--list-shards` (what an Argo run fanned out over). Each shard's outputs
/// sit in a folder named by its fingerprint, and S3 uploads never delete, so an input holds the folders of every
/// earlier run too; merge reads only the fingerprints listed here.</summary>
public static class ShardListFolders
{
    public static IReadOnlySet<string> Parse(string json)
    {
        JsonArray shards;
        try
        {
            shards = JsonNode.Parse(json) as JsonArray
                ?? throw new UsageException("--shard-list: expected a JSON array");
        }
        catch (JsonException e)
        {
            throw new UsageException($"--shard-list: not JSON ({e.Message}); pass what --list-shards printed");
        }
        return shards.Select(s => s?["fingerprint"] is JsonValue v && v.TryGetValue(out string? f) && f.Length > 0 ? f
                : throw new UsageException("--shard-list: every item needs a \"fingerprint\", as --list-shards prints"))
            .ToHashSet(StringComparer.Ordinal);
    }
}
