using System.Globalization;
using System.Text.Json;
using ImgEda.Core;
using ImgEda.Engine.Datums;

namespace ImgEda.Engine.Storage;

/// <summary>Jobs, what each datum did in them, what each datum hash produced, and the output commits.</summary>
public sealed class JobCatalog(MetadataDb db, RepoCatalog repos)
{
    public const string Processed = "processed", Skipped = "skipped", Failed = "failed";

    public sealed record JobInfo(
        string Id, string Pipeline, long PipelineVersion, string? OutputCommit, string State, string Started,
        double Seconds, long Processed, long Skipped, long Failed, long Retried, string? Error);

    public sealed record DatumOutcome(
        JobDatum Datum, string State, int Tries, string? Error, IReadOnlyList<RepoFile> Outputs);

    public sealed record InputCommit(string Input, string Repo, string CommitId);

    public sealed record JobResult(
        string Id, string Pipeline, long PipelineVersion, string InputsKey, IReadOnlyList<InputCommit> Inputs,
        IReadOnlyList<DatumOutcome> Datums, DateTimeOffset Started, TimeSpan Elapsed);

    /// <summary>A job over these inputs succeeded. One that failed is not done: the next run processes its failed
    /// datums again (and skips the rest), as Pachyderm's next job does.</summary>
    public bool Done(string pipeline, string inputsKey) =>
        db.Scalar<long>("SELECT COUNT(*) FROM jobs WHERE pipeline = $p AND inputs_key = $k AND state = 'success'",
            ("$p", pipeline), ("$k", inputsKey)) > 0;

    /// <summary>Datum hashes this pipeline has a result for: those datums are skipped and their outputs carried. With
    /// <paramref name="madeBy"/>, only those that job processed.</summary>
    public HashSet<string> KnownDatums(string pipeline, string? madeBy = null) =>
        db.Query("SELECT datum_hash FROM datum_results WHERE pipeline = $p AND ($j IS NULL OR job = $j)",
                r => r.GetString(0), ("$p", pipeline), ("$j", madeBy))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Records the job and makes its output commit, in one transaction: after a crash either all of it is
    /// there or none of it is (and the next run does the job again). Returns the saved job.</summary>
    public JobInfo Save(JobResult job)
    {
        var failed = job.Datums.Count(d => d.State == Failed);
        string? error = failed > 0 ? $"{failed} datum(s) failed" : null;
        // The reading is done before taking the write lock, so pipelines that finish together queue only for their
        // inserts: nothing else writes this pipeline's outputs meanwhile (one runner per home).
        var processedOutputs = job.Datums
            .Where(d => d.State == Processed)
            .SelectMany(d => d.Outputs);
        var outputs = CarriedOutputs(job).Concat(processedOutputs).ToList();
        var duplicates = outputs
            .GroupBy(o => o.Path, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .Order(StringComparer.Ordinal)
            .Take(3)
            .ToList();
        var parent = repos.Head(job.Pipeline);
        var parentFiles = parent is null || duplicates.Count > 0 ? [] : repos.Files(parent.Id);
        db.InTransaction(() =>
        {
            var now = RepoCatalog.Now();
            db.Execute("""
                INSERT INTO jobs(id, pipeline, pipeline_version, inputs_key, output_commit, state, started, finished,
                    seconds, processed, skipped, failed, retried, error)
                VALUES($id, $p, $v, $k, NULL, 'running', $s, $f, $secs, $pr, $sk, $fa, $re, NULL)
                """,
                ("$id", job.Id), ("$p", job.Pipeline), ("$v", job.PipelineVersion), ("$k", job.InputsKey),
                ("$s", job.Started.ToString("O", CultureInfo.InvariantCulture)), ("$f", now),
                ("$secs", job.Elapsed.TotalSeconds),
                ("$pr", job.Datums.Count(d => d.State == Processed)),
                ("$sk", job.Datums.Count(d => d.State == Skipped)),
                ("$fa", failed),
                ("$re", job.Datums.Sum(d => Math.Max(0, d.Tries - 1))));
            foreach (var input in job.Inputs)
                db.Execute("INSERT INTO provenance(job, input, repo, commit_id) VALUES($j, $i, $r, $c)",
                    ("$j", job.Id), ("$i", input.Input), ("$r", input.Repo), ("$c", input.CommitId));
            SaveDatums(job);
            if (duplicates.Count > 0)
            {
                // Pachyderm fails such a job: no output commit.
                error = $"duplicate path output by different datums: {string.Join(", ", duplicates)}";
                db.Execute("UPDATE jobs SET state = 'failure', error = $e WHERE id = $j",
                    ("$e", error), ("$j", job.Id));
                return;
            }
            var commit = repos.WriteCommit(
                job.Pipeline, parent, parentFiles, outputs, job.Id, $"job {job.Id}", allowEmpty: true)!;
            db.Execute("UPDATE jobs SET state = $s, output_commit = $c, error = $e WHERE id = $j",
                ("$s", failed > 0 ? "failure" : "success"), ("$c", commit.Id), ("$e", error), ("$j", job.Id));
            CrashPoint.Reach($"job-commit:{job.Pipeline}");
        });
        return Get(job.Id);
    }

    /// <summary>What the skipped datums produced when they last ran: carried into the new output commit.</summary>
    private List<RepoFile> CarriedOutputs(JobResult job)
    {
        var skipped = job.Datums.Where(d => d.State == Skipped).Select(d => d.Datum.Hash);
        // CROSS JOIN keeps this order: each hash looks its outputs up by key (the other way round scans them all per
        // hash).
        return db.Query("""
            SELECT o.path, o.object, o.size
            FROM json_each($hashes) h CROSS JOIN datum_outputs o ON o.pipeline = $p AND o.datum_hash = h.value
            """, r => new RepoFile(r.GetString(0), r.GetString(1), r.GetInt64(2)),
            ("$p", job.Pipeline), ("$hashes", JsonSerializer.Serialize(skipped, DatumHashesJson.Default.Hashes)));
    }

    /// <summary>The datums the job processed or failed (a job over 10,000 images skips 9,999 of them: those are
    /// counted, not listed), and what each processed one produced.</summary>
    private void SaveDatums(JobResult job)
    {
        db.Execute("""
            INSERT INTO job_datums(job, datum_hash, datum, state, tries, error)
            SELECT $j, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each($datums)
            """, ("$j", job.Id), ("$datums", JsonRows.Of(job.Datums
                .Where(d => d.State != Skipped)
                .Select(d => new object?[] { d.Datum.Hash, d.Datum.Id, d.State, d.Tries, d.Error }))));
        using var clear = db.Prepare("DELETE FROM datum_outputs WHERE pipeline = $p AND datum_hash = $h", "$p", "$h");
        using var output = db.Prepare(
            "INSERT INTO datum_outputs(pipeline, datum_hash, path, object, size) VALUES($p, $h, $path, $o, $size)",
            "$p", "$h", "$path", "$o", "$size");
        using var result = db.Prepare(
            "INSERT INTO datum_results(pipeline, datum_hash, job) VALUES($p, $h, $j) "
                + "ON CONFLICT(pipeline, datum_hash) DO UPDATE SET job = excluded.job",
            "$p", "$h", "$j");
        foreach (var outcome in job.Datums.Where(d => d.State == Processed))
        {
            Set(clear, ("$p", job.Pipeline), ("$h", outcome.Datum.Hash));
            foreach (var file in outcome.Outputs)
                Set(output, ("$p", job.Pipeline), ("$h", outcome.Datum.Hash),
                    ("$path", file.Path), ("$o", file.Object), ("$size", file.Size));
            Set(result, ("$p", job.Pipeline), ("$h", outcome.Datum.Hash), ("$j", job.Id));
        }
    }

    private static void Set(Microsoft.Data.Sqlite.SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values) command.Parameters[name].Value = value ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    public List<JobInfo> List(string? pipeline, int limit) =>
        Jobs(pipeline is null ? "ORDER BY started DESC LIMIT $l" : "WHERE pipeline = $p ORDER BY started DESC LIMIT $l",
            ("$p", pipeline), ("$l", limit));

    public JobInfo Get(string idOrPrefix)
    {
        var matches = Jobs("WHERE substr(id, 1, length($i)) = $i LIMIT 2", ("$i", idOrPrefix));
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new UsageException($"no job '{idOrPrefix}' (imgeda job list shows them)"),
            _ => throw new UsageException($"job '{idOrPrefix}' is ambiguous; give more of its id"),
        };
    }

    public List<InputCommit> Provenance(string job) =>
        db.Query("SELECT input, repo, commit_id FROM provenance WHERE job = $j ORDER BY input",
            r => new InputCommit(r.GetString(0), r.GetString(1), r.GetString(2)), ("$j", job));

    public List<(string Datum, string State, long Tries, string? Error)> Datums(string job, string? state) =>
        db.Query(
            "SELECT datum, state, tries, error FROM job_datums WHERE job = $j AND ($s IS NULL OR state = $s) "
                + "ORDER BY datum",
            r => (r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3)),
            ("$j", job), ("$s", state));

    private List<JobInfo> Jobs(string where, params (string, object?)[] parameters) =>
        db.Query(
            "SELECT id, pipeline, pipeline_version, output_commit, state, started, seconds, "
                + $"processed, skipped, failed, retried, error FROM jobs {where}",
            r => new JobInfo(
                r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetString(4), r.GetString(5), r.GetDouble(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9),
                r.GetInt64(10), r.IsDBNull(11) ? null : r.GetString(11)),
            parameters);
}
