using System.Security.Cryptography;
using System.Text;

namespace ImgEda.Core.Running;

/// <summary>The output path of a datum: its input-relative path plus a suffix. A file name may not exceed 255 bytes,
/// and an input name close to that limit plus ".json" would; such a name keeps its first bytes and gets a hash of
/// the whole name, so it stays unique and stable (the record inside still holds the true path).</summary>
public static class OutputName
{
    private const int MaxNameBytes = 255;

    public static string For(string relativePath, string suffix)
    {
        var slash = relativePath.LastIndexOf('/');
        var folder = slash < 0 ? "" : relativePath[..(slash + 1)];
        var name = relativePath[(slash + 1)..] + suffix;
        if (Encoding.UTF8.GetByteCount(name) <= MaxNameBytes) return folder + name;
        var hash = "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..16];
        var keep = name;
        while (Encoding.UTF8.GetByteCount(keep) + Encoding.UTF8.GetByteCount(hash) + Encoding.UTF8.GetByteCount(suffix)
            > MaxNameBytes)
            keep = keep[..^1];
        return folder + keep + hash + suffix;
    }
}
