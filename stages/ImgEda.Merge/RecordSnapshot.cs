using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImgEda.Merge;

/// <summary>One record file as merge read it: the input it sits in, its path there, its bytes.</summary>
public sealed record RecordSource(string Input, string File, byte[] Bytes);

/// <summary>.imgeda/merge/records in merge's output: the bytes of every record file that merge read, by input and path.
/// The next merge, handed this output and what changed since (ChangedFiles), reads only the changed files again and
/// takes the rest from here; everything after reading is the same code, so the result is the same as reading all.
/// Framed rather than JSON lines, because records are written indented: a header line, the inputs as a JSON array,
/// then per file a JSON line {"input", "file", "length"} followed by that many bytes and a newline.</summary>
public static partial class RecordSnapshot
{
    public const string RelativePath = ".imgeda/merge/records";
    private const string Header = "imgeda-merge-records 1";

    public sealed record Contents(IReadOnlySet<string> Inputs, IReadOnlyDictionary<(string Input, string File), byte[]> Records);

    internal sealed record Frame(
        [property: JsonPropertyName("input")] string Input,
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("length")] int Length);

    [JsonSerializable(typeof(Frame))]
    internal sealed partial class FrameJson : JsonSerializerContext;

    public static byte[] Write(IEnumerable<string> inputs, IEnumerable<RecordSource> sources)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Encoding.UTF8.GetBytes($"{Header}\n{JsonSerializer.Serialize(inputs.Order(StringComparer.Ordinal))}\n"));
        foreach (var source in sources)
        {
            buffer.Write(JsonSerializer.SerializeToUtf8Bytes(new Frame(source.Input, source.File, source.Bytes.Length), FrameJson.Default.Frame));
            buffer.WriteByte((byte)'\n');
            buffer.Write(source.Bytes);
            buffer.WriteByte((byte)'\n');
        }
        return buffer.ToArray();
    }

    /// <summary>The snapshot in <paramref name="outputDir"/>; null when there is none or it is not whole.</summary>
    public static Contents? Read(string outputDir)
    {
        var path = Path.Combine(outputDir, RelativePath);
        if (!File.Exists(path)) return null;
        var bytes = File.ReadAllBytes(path);
        var records = new Dictionary<(string, string), byte[]>();
        try
        {
            var at = 0;
            if (Encoding.UTF8.GetString(Line(bytes, ref at)) != Header) return null;
            var inputs = JsonSerializer.Deserialize<string[]>(Line(bytes, ref at)) ?? [];
            while (at < bytes.Length)
            {
                var frame = JsonSerializer.Deserialize(Line(bytes, ref at), FrameJson.Default.Frame);
                if (frame is null || frame.Length < 0 || at + frame.Length >= bytes.Length || bytes[at + frame.Length] != '\n') return null;
                records[(frame.Input, frame.File)] = bytes[at..(at + frame.Length)];
                at += frame.Length + 1;
            }
            return new Contents(inputs.ToHashSet(StringComparer.Ordinal), records);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ReadOnlySpan<byte> Line(byte[] bytes, ref int at)
    {
        var end = Array.IndexOf(bytes, (byte)'\n', at);
        if (end < 0) throw new JsonException("a snapshot line has no end");
        var line = bytes.AsSpan(at, end - at);
        at = end + 1;
        return line;
    }
}
