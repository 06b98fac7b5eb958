using ImgEda.Core;
using Microsoft.Data.Sqlite;

namespace ImgEda.Engine.Storage;

/// <summary>The metadata tables. A commit's files rows are either all its files (depth 0: a snapshot) or its changes on
/// its parent (depth n: n commits above the nearest snapshot; an empty object marks a removed path), so adding one
/// image to a 10,000-image repo writes one row, not 10,000, and reading a commit walks at most a few dozen deltas.
/// datum_outputs remembers what each datum hash produced, which is what lets a later job skip it; job_datums keeps the
/// datums a job processed or failed (the skipped ones are counted in jobs).</summary>
internal static class Schema
{
    private const string Tables = """
        CREATE TABLE IF NOT EXISTS repos(
            name TEXT PRIMARY KEY, created TEXT NOT NULL, pipeline TEXT NULL);
        CREATE TABLE IF NOT EXISTS commits(
            id TEXT PRIMARY KEY, repo TEXT NOT NULL REFERENCES repos(name) ON DELETE CASCADE, seq INTEGER NOT NULL,
            parent TEXT NULL, created TEXT NOT NULL, job TEXT NULL, description TEXT NULL,
            depth INTEGER NOT NULL DEFAULT 0,
            UNIQUE(repo, seq));
        CREATE TABLE IF NOT EXISTS files(
            commit_id TEXT NOT NULL REFERENCES commits(id) ON DELETE CASCADE, path TEXT NOT NULL, object TEXT NOT NULL,
            size INTEGER NOT NULL, PRIMARY KEY(commit_id, path)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS pipelines(
            name TEXT PRIMARY KEY, spec TEXT NOT NULL, version INTEGER NOT NULL, created TEXT NOT NULL,
            updated TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS jobs(
            id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, pipeline_version INTEGER NOT NULL, inputs_key TEXT NOT NULL,
            output_commit TEXT NULL, state TEXT NOT NULL, started TEXT NOT NULL, finished TEXT NOT NULL,
            seconds REAL NOT NULL, processed INTEGER NOT NULL, skipped INTEGER NOT NULL, failed INTEGER NOT NULL,
            retried INTEGER NOT NULL, error TEXT NULL);
        CREATE INDEX IF NOT EXISTS jobs_by_inputs ON jobs(pipeline, inputs_key);
        CREATE TABLE IF NOT EXISTS provenance(
            job TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE, input TEXT NOT NULL, repo TEXT NOT NULL,
            commit_id TEXT NOT NULL,
            PRIMARY KEY(job, input)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS job_datums(
            job TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE, datum_hash TEXT NOT NULL, datum TEXT NOT NULL,
            state TEXT NOT NULL, tries INTEGER NOT NULL, error TEXT NULL, PRIMARY KEY(job, datum_hash)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS datum_results(
            pipeline TEXT NOT NULL, datum_hash TEXT NOT NULL, job TEXT NOT NULL,
            PRIMARY KEY(pipeline, datum_hash)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS datum_outputs(
            pipeline TEXT NOT NULL, datum_hash TEXT NOT NULL, path TEXT NOT NULL, object TEXT NOT NULL,
            size INTEGER NOT NULL,
            PRIMARY KEY(pipeline, datum_hash, path)) WITHOUT ROWID;
        """;

    /// <summary>The schema this build reads and writes, kept in the database as PRAGMA user_version. Opening a home
    /// migrates it up to this; a change to <see cref="Tables"/> bumps it and adds its step to <see cref="Ensure"/>.
    /// </summary>
    public const int Version = 1;

    public static void Ensure(SqliteConnection db)
    {
        if (VersionOf(db) == Version) return;
        // IMMEDIATE: two processes opening an old home at once migrate it one after the other.
        using var transaction = db.BeginTransaction(deferred: false);
        var version = VersionOf(db);
        if (version > Version)
            throw new UsageException($"this home's metadata has schema version {version}, made by a newer imgeda "
                + $"(this one knows up to {Version}): run that imgeda, or use another --home");
        if (version < 1) CreateOrUpgradeUnversioned(db);
        Execute(db, $"PRAGMA user_version = {Version}");
        transaction.Commit();
    }

    private static long VersionOf(SqliteConnection db)
    {
        using var command = db.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Version 1: a new home, or one made before the schema was versioned. The only change those homes can
    /// lack is commits.depth (a home made before commits could be deltas: every commit there is a snapshot, which
    /// depth 0 says).</summary>
    private static void CreateOrUpgradeUnversioned(SqliteConnection db)
    {
        Execute(db, Tables);
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('commits') WHERE name = 'depth'";
        if ((long)command.ExecuteScalar()! == 0)
            Execute(db, "ALTER TABLE commits ADD COLUMN depth INTEGER NOT NULL DEFAULT 0");
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
