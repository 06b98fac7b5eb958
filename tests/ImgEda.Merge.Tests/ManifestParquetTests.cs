using System.Globalization;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using ImgEda.Core.Records;
using ImgEda.Core.Running;

namespace ImgEda.Merge.Tests;

/// <summary>manifest.parquet read back by another reader (DuckDB) and checked value by value against manifest.jsonl,
/// flattened here on its own (not with merge's code).</summary>
public class ManifestParquetTests
{
    /// <summary>Made-up photo records (EXIF dates, corrupt images with null sizes, formats ...) and a few hand-written
    /// ones with what those lack: an mtime, an array, a field that is a number in one record and text in
    /// another.</summary>
    private static void Dataset(TempDir tmp)
    {
        SyntheticRecords.Write(tmp["pfs"], 240);
        void Extra(string path, JsonObject fields)
        {
            fields["input"] = "images";
            fields["path"] = path;
            Directory.CreateDirectory(tmp["pfs/analyze/images/extra"]);
            File.WriteAllText(tmp[$"pfs/analyze/images/{path}.json"], fields.ToJsonString());
        }
        Extra("extra/a.jpg",
            new() { ["mtime"] = "2024-01-02T03:04:05Z", ["note"] = 5, ["tags"] = new JsonArray(1, "x") });
        Extra("extra/b.jpg", new() { ["mtime"] = "2025-06-07T08:09:10Z", ["note"] = "five", ["tags"] = null });
    }

    private static string Merge(TempDir tmp)
    {
        var context = new DatasetContext(tmp["pfs"], [], null, StepLog.ToStderr("merge", false));
        Assert.Equal(0, new MergeRunner(context, 8).Run());
        return tmp["pfs/out"];
    }

    [Fact]
    public void Duckdb_reads_every_value_of_the_manifest_back_with_its_type()
    {
        using var tmp = new TempDir();
        Dataset(tmp);
        var output = Merge(tmp);
        var expected = JsonlRows(Path.Combine(output, "manifest.jsonl"));
        var (types, rows) = Read(Path.Combine(output, "manifest.parquet"));

        Assert.Equal(File.ReadLines(Path.Combine(output, "manifest.csv")).First().Split(','), types.Keys);
        Assert.Equal("BIGINT", types["width"]);
        Assert.Equal("BIGINT", types["file_size_bytes"]);
        Assert.Equal("DOUBLE", types["aspect_ratio"]);
        Assert.Equal("DOUBLE", types["exif.focal_length_mm"]); // 24 and 4.25 in one column
        Assert.Equal("BOOLEAN", types["is_dark"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["mtime"]);
        Assert.Equal("TIMESTAMP", types["exif.datetime_original"]);
        Assert.Equal("VARCHAR", types["path"]);
        Assert.Equal("VARCHAR", types["note"]);
        Assert.Equal("VARCHAR", types["split"]); // all null here: a flat dataset
        Compare(expected, rows);
    }

    [Fact]
    public void Many_row_groups_read_back_the_same()
    {
        using var tmp = new TempDir();
        Dataset(tmp);
        var output = Merge(tmp);
        var lines = ManifestWriter.Images(ManifestWriter.ReadLines(Path.Combine(output, "manifest.jsonl")));
        File.WriteAllBytes(tmp["small-groups.parquet"], ManifestParquet.Write(lines, rowGroupSize: 50));
        Compare(JsonlRows(Path.Combine(output, "manifest.jsonl")), Read(tmp["small-groups.parquet"]).Rows);
    }

    /// <summary>A record's object field (motion_blur) has its columns whether a line has it, has it null, or no line
    /// has it: a query on motion_blur.length_px finds what is there, and no commit drops the column.</summary>
    [Fact]
    public void An_object_field_has_the_same_columns_whether_or_not_a_line_has_it()
    {
        string[] Header(params string[] motions)
        {
            using var tmp = new TempDir();
            Directory.CreateDirectory(tmp["pfs/analyze/images"]);
            for (var i = 0; i < motions.Length; i++)
                File.WriteAllText(tmp[$"pfs/analyze/images/{i}.jpg.json"],
                    $$"""{"input": "images", "path": "{{i}}.jpg", "motion_blur": {{motions[i]}}, "is_blurry": true}""");
            var output = Merge(tmp);
            var (types, rows) = Read(Path.Combine(output, "manifest.parquet"));
            var csvHeader = File.ReadLines(Path.Combine(output, "manifest.csv")).First().Split(',');
            Assert.Equal(csvHeader, types.Keys);
            Assert.Equal(motions.Count(m => m != "null"), rows.Count(r => r["motion_blur.length_px"] is not null));
            return csvHeader;
        }
        var mixed = Header("""{"length_px": 18, "degrees": 22}""", "null");
        Assert.Equal(mixed, Header("null", "null"));
        Assert.Equal(mixed, Header("""{"length_px": 9, "degrees": 90}"""));
        Assert.DoesNotContain("motion_blur", mixed);
        Assert.Contains("motion_blur.degrees", mixed);
    }

    [Fact]
    public void Hostile_field_names_still_give_a_file_duckdb_reads()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["pfs/hash/images"]);
        File.WriteAllText(tmp["pfs/hash/images/a.jpg.json"],
            """{"input": "images", "path": "a.jpg", "": 1, "a.b": 2, "a": {"b": "3"}, "x\ny": true, "=cmd": null}""");
        var (types, rows) = Read(Path.Combine(Merge(tmp), "manifest.parquet"));
        Assert.Equal("a.jpg", (string?)Assert.Single(rows)["path"]);
        // input, path, "" (DuckDB names it C2), a.b, x\ny, =cmd, and merge's thumbnail, split and label.
        Assert.Equal(9, types.Count);
        Assert.Contains("x\ny", types.Keys);
        Assert.Equal("VARCHAR", types["a.b"]); // 2 and "3" under one flattened name
    }

    [Fact]
    public void An_empty_manifest_is_a_parquet_file_with_no_rows()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["pfs/hash"]);
        var (types, rows) = Read(Path.Combine(Merge(tmp), "manifest.parquet"));
        Assert.Equal(["input", "path"], types.Keys);
        Assert.Empty(rows);
    }

    private static void Compare(List<Dictionary<string, JsonNode?>> expected, List<Dictionary<string, object?>> rows)
    {
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal((string)expected[i]["path"]!, (string?)rows[i]["path"]);
            foreach (var (column, actual) in rows[i])
            {
                var want = expected[i].GetValueOrDefault(column);
                Assert.True(Same(want, actual),
                    $"row {i} ({expected[i]["path"]}), {column}: {want?.ToJsonString() ?? "null"} vs {actual}");
            }
            // Every leaf of the line is a column; a record's object field that is null is its fields' columns, null.
            var columnless = expected[i].Keys.Except(rows[i].Keys);
            Assert.DoesNotContain(columnless, k => !(expected[i][k] is null && RecordObjects.Fields.ContainsKey(k)));
        }
    }

    private static bool Same(JsonNode? want, object? actual) => actual switch
    {
        null => want is null,
        bool b => want!.GetValue<bool>() == b,
        long l => want!.GetValue<long>() == l,
        double d => want!.GetValue<double>() == d,
        DateTime t when want!.GetValue<string>() is var text && text.EndsWith('Z') =>
            DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) == t,
        DateTime t =>
            DateTime.ParseExact(want!.GetValue<string>(), "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture) == t,
        DateTimeOffset t => DateTimeOffset.Parse(want!.GetValue<string>(), CultureInfo.InvariantCulture) == t,
        string s => want is JsonValue v && v.TryGetValue<string>(out var text) ? text == s : want!.ToJsonString() == s,
        _ => false,
    };

    /// <summary>Each image line of a manifest.jsonl as its leaves by dotted name.</summary>
    private static List<Dictionary<string, JsonNode?>> JsonlRows(string path) =>
        File.ReadLines(path).Skip(1).Select(line =>
        {
            var leaves = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            void Walk(string prefix, JsonNode? node)
            {
                if (node is not JsonObject o) leaves[prefix] = node;
                else foreach (var (name, child) in o) Walk(prefix.Length == 0 ? name : $"{prefix}.{name}", child);
            }
            Walk("", JsonNode.Parse(line));
            return leaves;
        }).ToList();

    /// <summary>The file's column types (in order) and rows, as DuckDB reads them.</summary>
    private static (Dictionary<string, string> Types, List<Dictionary<string, object?>> Rows) Read(string parquet)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SET threads = 1; SET TimeZone = 'UTC'";
        command.ExecuteNonQuery();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        command.CommandText = $"DESCRIBE SELECT * FROM read_parquet('{parquet}')";
        using (var describe = command.ExecuteReader())
            while (describe.Read()) types[describe.GetString(0)] = describe.GetString(1);
        var rows = new List<Dictionary<string, object?>>();
        command.CommandText = $"SELECT * FROM read_parquet('{parquet}')";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName,
                c => reader.IsDBNull(c) ? null : reader.GetValue(c), StringComparer.Ordinal));
        return (types, rows);
    }
}
