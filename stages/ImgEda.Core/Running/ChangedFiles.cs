using System.Text.Json;

namespace ImgEda.Core.Running;

/// <summary>What the local engine hands a step that rebuilds one output from whole repos (merge): its previous output
/// (<see cref="PreviousVariable"/>, the folder --previous would name) and the paths added, changed or removed in each
/// input since that output was made (<see cref="Variable"/>: a JSON file {"input": ["path", ...]}), so the step reads
/// only those again. Pachyderm and Argo hand over nothing of the kind: then the step reads everything.</summary>
public sealed record ChangedFiles(IReadOnlyDictionary<string, IReadOnlySet<string>> ByInput)
{
    public const string PreviousVariable = "IMGEDA_PREVIOUS", Variable = "IMGEDA_CHANGED";

    public bool Covers(IEnumerable<string> inputs) => inputs.All(ByInput.ContainsKey);

    /// <summary>The list named by <see cref="Variable"/>; null when there is none or it cannot be read (then the step
    /// reads everything, which is always right).</summary>
    public static ChangedFiles? FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } file) return null;
        try
        {
            var byInput = JsonSerializer.Deserialize(File.ReadAllBytes(file), ChangedFilesJson.Default.ByInputRead);
            if (byInput is null) return null;
            var setsByInput = byInput.ToDictionary(
                p => p.Key,
                p => (IReadOnlySet<string>)p.Value.ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);
            return new ChangedFiles(setsByInput);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public static void Write(string file, IReadOnlyDictionary<string, IReadOnlyList<string>> byInput) =>
        File.WriteAllBytes(file, JsonSerializer.SerializeToUtf8Bytes(byInput, ChangedFilesJson.Default.ByInputWritten));
}
