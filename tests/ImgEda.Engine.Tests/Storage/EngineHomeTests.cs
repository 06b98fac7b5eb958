using ImgEda.Core;
using ImgEda.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace ImgEda.Engine.Tests.Storage;

public class EngineHomeTests
{
    [Fact]
    public void An_emptied_metadata_db_beside_stored_objects_is_refused_not_taken_for_a_new_home()
    {
        using var tmp = new TempDir();
        var home = EngineHome.Open(tmp["home"]);
        File.WriteAllText(tmp["a.txt"], "a");
        home.Objects.AddCopy(tmp["a.txt"]);
        File.WriteAllBytes(tmp["home/metadata.db"], []);
        foreach (var wal in Directory.GetFiles(tmp["home"], "metadata.db-*")) File.Delete(wal);
        var refused = Assert.Throws<IOException>(() => EngineHome.Open(tmp["home"]));
        Assert.Contains("is empty but the store holds 1 objects", refused.Message);
        Assert.Equal(0, new FileInfo(tmp["home/metadata.db"]).Length);
    }

    [Fact]
    public void A_home_made_before_the_schema_was_versioned_is_migrated_and_keeps_its_commits()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["home"]);
        // The oldest layout a home can have: no user_version, and commits without depth (every commit a snapshot).
        using (var old = Connect(tmp["home/metadata.db"]))
        {
            Execute(old, """
                CREATE TABLE repos(name TEXT PRIMARY KEY, created TEXT NOT NULL, pipeline TEXT NULL);
                CREATE TABLE commits(id TEXT PRIMARY KEY, repo TEXT NOT NULL, seq INTEGER NOT NULL, parent TEXT NULL,
                    created TEXT NOT NULL, job TEXT NULL, description TEXT NULL, UNIQUE(repo, seq));
                INSERT INTO repos VALUES('images', '2026-01-01T00:00:00Z', NULL);
                INSERT INTO commits VALUES('c1', 'images', 1, NULL, '2026-01-01T00:00:00Z', NULL, NULL);
                """);
        }

        var home = EngineHome.Open(tmp["home"]);

        using var db = home.Metadata();
        Assert.Equal(Schema.Version, db.Scalar<long>("PRAGMA user_version"));
        Assert.Equal(0, db.Scalar<long>("SELECT depth FROM commits WHERE id = 'c1'"));
        Assert.Equal("images", new RepoCatalog(db).Find("c1")!.Repo);
    }

    [Fact]
    public void A_home_of_a_newer_schema_is_refused_untouched()
    {
        using var tmp = new TempDir();
        EngineHome.Open(tmp["home"]);
        using (var db = Connect(tmp["home/metadata.db"])) Execute(db, $"PRAGMA user_version = {Schema.Version + 1}");

        var refused = Assert.Throws<UsageException>(() => EngineHome.Open(tmp["home"]));

        Assert.Contains("made by a newer imgeda", refused.Message);
        using var after = Connect(tmp["home/metadata.db"]);
        Assert.Equal(Schema.Version + 1, Convert.ToInt32(Scalar(after, "PRAGMA user_version")));
    }

    private static SqliteConnection Connect(string file)
    {
        var db = new SqliteConnection($"Data Source={file};Pooling=False");
        db.Open();
        return db;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }
}
