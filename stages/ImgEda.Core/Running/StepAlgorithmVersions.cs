namespace ImgEda.Core.Running;

/// <summary>The version of what each step computes. The product version stays the same across many changes, so this
/// is what tells a stored result from one the current code would compute differently: it is part of the steps'
/// work-avoidance key (`--previous`, the datum ledger) and of the local engine's datum hash.
/// Bump a step's number whenever the same image and options would give other output bytes: a new or changed record
/// field, another decode, a changed threshold or encoder setting. The golden-output tests
/// (tests/ImgEda.EndToEnd.Tests/GoldenOutputTests.cs) fail when a step's outputs change and its number does not.
/// </summary>
public static class StepAlgorithmVersions
{
    private static readonly Dictionary<string, int> Versions = new(StringComparer.Ordinal)
    {
        ["edges"] = 2,
        ["analyze"] = 7,
        ["hash"] = 4,
        ["thumbs"] = 3,
        ["annotations"] = 1,
        ["merge"] = 7,
        ["gate"] = 3,
        ["plot"] = 6,
    };

    public static IReadOnlyCollection<string> Steps => Versions.Keys;

    /// <summary>The step's algorithm version; 0 for a name that is not one of ours.</summary>
    public static int Of(string step) => Versions.GetValueOrDefault(step);

    /// <summary>The step a pipeline's command runs, when it runs one of ours (`imgeda-analyze` or
    /// `/opt/imgeda/imgeda-analyze` anywhere in the command, as in `sh -c '...'`), else null.</summary>
    public static string? StepOf(IEnumerable<string> command)
    {
        foreach (var word in command.SelectMany(part => part.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            var name = Path.GetFileName(word);
            if (name.StartsWith("imgeda-", StringComparison.Ordinal) && Versions.ContainsKey(name["imgeda-".Length..]))
                return name["imgeda-".Length..];
        }
        return null;
    }
}
