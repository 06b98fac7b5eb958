using System.Text.Json.Serialization.Metadata;

namespace ImgEda.Core.Records;

/// <summary>The fields of analyze's and hash's records whose value is an object (`exif`, `pixel_stats`,
/// `motion_blur` ...), each with the names of its own fields, as <see cref="RecordJson"/> writes them. A record states
/// a missing object as null; a manifest flattened to columns still gives it its columns, so that they do not come and
/// go with the data (a commit where no image shows motion keeps `motion_blur.length_px`).</summary>
public static class RecordObjects
{
    public static IReadOnlyDictionary<string, string[]> Fields { get; } = Build();

    private static Dictionary<string, string[]> Build()
    {
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JsonTypeInfo[] records = [RecordJson.Default.AnalyzeRecord, RecordJson.Default.HashRecord];
        foreach (var property in records.SelectMany(record => record.Properties))
            if (RecordJson.Default.GetTypeInfo(property.PropertyType) is { Kind: JsonTypeInfoKind.Object } nested)
                fields[property.Name] = [.. nested.Properties.Select(p => p.Name)];
        return fields;
    }
}
