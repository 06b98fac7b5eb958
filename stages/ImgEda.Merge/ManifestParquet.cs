using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace ImgEda.Merge;

/// <summary>manifest.parquet: the manifest's image lines as typed columns, for pandas, Polars and DuckDB users. The
/// columns are the CSV's (nested fields flattened as "exif.camera_make", in the order they first appear); each gets
/// the type all its values share: booleans, 64-bit integers, doubles (integers and fractions mixed), timestamps
/// (ISO 8601 with a zone, as mtime: UTC; EXIF's "yyyy:MM:dd HH:mm:ss": local time, not adjusted to UTC), else
/// strings (a column of mixed kinds holds each value's text as the JSON has it; an array is its JSON). JSON null and a
/// field an image lacks are null. Written with Parquet.Net's column API (no reflection: merge is Native AOT), in
/// row groups of <see cref="RowGroupSize"/> images so memory stays flat on large datasets.</summary>
public static class ManifestParquet
{
    public const int RowGroupSize = 20_000;

    /// <summary>What a column holds, as seen over all its values.</summary>
    [Flags]
    private enum Seen : byte
    {
        None = 0, Boolean = 1, Integer = 2, Fraction = 4, UtcTime = 8, LocalTime = 16, Text = 32,
    }

    private enum ColumnType { Boolean, Integer, Double, UtcTime, LocalTime, Text }

    private sealed record Column(string Name, ColumnType Type, DataField Field);

    public static byte[] Write(IReadOnlyList<ManifestLine> lines, int rowGroupSize = RowGroupSize)
    {
        // First the leaves' names and kinds (lines share the names), then the columns' types, then row groups of
        // typed values, each filled side by side and written in order.
        var interned = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var names = new string[lines.Count][];
        var kinds = new Seen[lines.Count][];
        Parallel.For(0, lines.Count, i =>
        {
            var (rowNames, rowKinds) = (new List<string>(64), new List<Seen>(64));
            FlatLeaves.Visit(lines[i].Bytes, (name, kind, text) =>
            {
                rowNames.Add(interned.GetOrAdd(name!, name!));
                rowKinds.Add(KindOf(kind, text));
            }, names: true, values: true);
            (names[i], kinds[i]) = ([.. rowNames], [.. rowKinds]);
        });
        var order = new List<string>();
        var seen = new Dictionary<string, Seen>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
            for (var leaf = 0; leaf < names[i].Length; leaf++)
            {
                if (!seen.TryGetValue(names[i][leaf], out var before)) order.Add(names[i][leaf]);
                seen[names[i][leaf]] = before | kinds[i][leaf];
            }
        if (order.Count == 0) order.AddRange(["input", "path"]);
        var columns = order.Select(name => ColumnOf(name, seen.GetValueOrDefault(name))).ToList();
        var index = columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);

        using var output = new MemoryStream();
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => (Field)c.Field)), output)
            .GetAwaiter().GetResult();
        try
        {
            for (var start = 0; start < lines.Count || start == 0; start += rowGroupSize)
            {
                var count = Math.Min(rowGroupSize, lines.Count - start);
                var values = columns.Select(c => Values(c.Type, count)).ToArray();
                Parallel.For(start, start + count, i =>
                {
                    var (row, leaf) = (names[i], 0);
                    FlatLeaves.Visit(lines[i].Bytes, (_, _, text) =>
                    {
                        var column = index[row[leaf++]];
                        if (text is not null) Set(values[column], columns[column].Type, i - start, text);
                    }, names: false, values: true);
                });
                using var group = writer.CreateRowGroup();
                for (var c = 0; c < columns.Count; c++) WriteColumn(group, columns[c], values[c]);
                if (lines.Count == 0) break;
            }
        }
        finally
        {
            // Disposing writes the file's footer.
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return output.ToArray();
    }

    private static Seen KindOf(JsonTokenType kind, string? text) => kind switch
    {
        JsonTokenType.Null => Seen.None,
        JsonTokenType.True or JsonTokenType.False => Seen.Boolean,
        JsonTokenType.Number => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? Seen.Integer : Seen.Fraction,
        JsonTokenType.String when UtcTime(text!) is not null => Seen.UtcTime,
        JsonTokenType.String when LocalTime(text!) is not null => Seen.LocalTime,
        _ => Seen.Text,
    };

    private static Column ColumnOf(string name, Seen seen)
    {
        var type = seen switch
        {
            Seen.Boolean => ColumnType.Boolean,
            Seen.Integer => ColumnType.Integer,
            Seen.Fraction or Seen.Integer | Seen.Fraction => ColumnType.Double,
            Seen.UtcTime => ColumnType.UtcTime,
            Seen.LocalTime => ColumnType.LocalTime,
            _ => ColumnType.Text,
        };
        DataField field = type switch
        {
            ColumnType.Boolean => new DataField<bool?>(name),
            ColumnType.Integer => new DataField<long?>(name),
            ColumnType.Double => new DataField<double?>(name),
            ColumnType.UtcTime => new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true,
                unit: DateTimeTimeUnit.Millis, isNullable: true),
            ColumnType.LocalTime => new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: false,
                unit: DateTimeTimeUnit.Millis, isNullable: true),
            _ => new DataField<string>(name, nullable: true),
        };
        return new Column(name, type, field);
    }

    private static Array Values(ColumnType type, int count) => type switch
    {
        ColumnType.Boolean => new bool?[count],
        ColumnType.Integer => new long?[count],
        ColumnType.Double => new double?[count],
        ColumnType.UtcTime or ColumnType.LocalTime => new DateTime?[count],
        _ => new string?[count],
    };

    /// <summary>Stores a non-null leaf's text in its column (the column's type fits every value: see
    /// <see cref="KindOf"/>).</summary>
    private static void Set(Array values, ColumnType type, int row, string text)
    {
        switch (type)
        {
            case ColumnType.Boolean: ((bool?[])values)[row] = text == "true"; break;
            case ColumnType.Integer: ((long?[])values)[row] = long.Parse(text, CultureInfo.InvariantCulture); break;
            case ColumnType.Double: ((double?[])values)[row] = double.Parse(text, CultureInfo.InvariantCulture); break;
            case ColumnType.UtcTime: ((DateTime?[])values)[row] = UtcTime(text); break;
            case ColumnType.LocalTime: ((DateTime?[])values)[row] = LocalTime(text); break;
            default: ((string?[])values)[row] = text; break;
        }
    }

    private static void WriteColumn(ParquetRowGroupWriter group, Column column, Array values)
    {
        var written = column.Type switch
        {
            ColumnType.Boolean => group.WriteAsync(column.Field, new ReadOnlyMemory<bool?>((bool?[])values)),
            ColumnType.Integer => group.WriteAsync(column.Field, new ReadOnlyMemory<long?>((long?[])values)),
            ColumnType.Double => group.WriteAsync(column.Field, new ReadOnlyMemory<double?>((double?[])values)),
            ColumnType.UtcTime or ColumnType.LocalTime =>
                group.WriteAsync(column.Field, new ReadOnlyMemory<DateTime?>((DateTime?[])values)),
            _ => group.WriteAsync(column.Field, (string?[])values),
        };
        written.GetAwaiter().GetResult();
    }

    private static readonly string[] UtcFormats =
    [
        "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ",
        "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz",
    ];

    /// <summary>An ISO 8601 time with its zone (mtime), as UTC; null for other text.</summary>
    private static DateTime? UtcTime(string text) =>
        text.Length >= 20 && DateTimeOffset.TryParseExact(text, UtcFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var time) ? time.UtcDateTime : null;

    /// <summary>An EXIF date and time ("2024:01:02 03:04:05", the camera's clock, no zone); null for other text (an
    /// unset "0000:00:00 00:00:00" too).</summary>
    private static DateTime? LocalTime(string text) =>
        text.Length == 19 && DateTime.TryParseExact(text, "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var time) ? DateTime.SpecifyKind(time, DateTimeKind.Unspecified) : null;
}
