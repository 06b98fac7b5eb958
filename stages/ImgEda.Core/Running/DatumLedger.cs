using System.Text.Json;
using System.Text.Json.Serialization;
using ImgEda.Core.Pfs;

namespace ImgEda.Core.Running;

/// <summary>Per-datum record of what produced the outputs (bytes, step and algorithm versions, options), kept in
/// out/.imgeda/&lt;step&gt;/&lt;input&gt;/&lt;path&gt;.json so that `--previous` can carry unchanged datums over.
/// One small file per datum, never a shared one: under Pachyderm two datums must not write the same path.</summary>
public sealed record DatumLedger(
    string Sha256, string StepVersion, string Options, IReadOnlyList<string> Outputs, int AlgorithmVersion = 0)
{
    public static string PathFor(string outDirectory, string step, Datum datum) =>
        Path.Combine(outDirectory, ".imgeda", step, OutputName.For($"{datum.Input}/{datum.Path}", ".json"));

    public static DatumLedger? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), LedgerJson.Default.DatumLedger);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, LedgerJson.Default.DatumLedger);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DatumLedger))]
internal sealed partial class LedgerJson : JsonSerializerContext;
