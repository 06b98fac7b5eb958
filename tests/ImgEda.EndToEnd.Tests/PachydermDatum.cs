using System.Text.Json.Nodes;

namespace ImgEda.EndToEnd.Tests;

/// <summary>Runs a pipeline spec's own command on one datum in the /pfs layout Pachyderm 2.x gives user code: the
/// datum's files under /pfs/.scratch/&lt;id&gt;/&lt;input&gt;, the output at /pfs/.scratch/&lt;id&gt;/out, and
/// /pfs/&lt;input&gt;,
/// /pfs/out and /pfs/.env as links into it (src/server/worker/driver/driver_unix.go, linkData); PACH_DATUM_ID and
/// &lt;input&gt;=/pfs/&lt;input&gt;/&lt;datum path&gt; set (driver.go, UserCodeEnv). /opt/imgeda/imgeda-&lt;step&gt; is
/// build/bin's.</summary>
internal static class PachydermDatum
{
    public sealed record Result(int ExitCode, string Stderr, string Out);

    /// <param name="inputs">By input name: the folder holding its files, the datum's path in it ("/" for the whole
    /// input), and the files of the datum relative to the folder (null: every file).</param>
    public static Result Run(
        JsonNode spec, string pfs, Dictionary<string, (string Source, string DatumPath, string[]? Files)> inputs)
    {
        var id = "0123456789abcdef";
        var scratch = Path.Combine(pfs, ".scratch", id);
        foreach (var (name, (source, _, files)) in inputs)
        {
            if (files is null) StepChain.CopyFolder(source, Path.Combine(scratch, name));
            else OutputTree.CopyInto(Path.Combine(scratch, name), files.Select(f => Path.Combine(source, f)));
            Directory.CreateDirectory(Path.Combine(scratch, name));
            Directory.CreateSymbolicLink(Path.Combine(pfs, name), Path.Combine(scratch, name));
        }
        Directory.CreateDirectory(Path.Combine(scratch, "out"));
        Directory.CreateSymbolicLink(Path.Combine(pfs, "out"), Path.Combine(scratch, "out"));
        File.WriteAllText(Path.Combine(scratch, ".env"), "");
        File.CreateSymbolicLink(Path.Combine(pfs, ".env"), Path.Combine(scratch, ".env"));

        var cmd = spec["transform"]!["cmd"]!.AsArray().Select(c => (string)c!).ToList();
        var env = new Dictionary<string, string?> { ["PFS_ROOT"] = pfs, ["PACH_DATUM_ID"] = id };
        foreach (var (name, (_, datumPath, _)) in inputs) env[name] = Path.Join(pfs, name, datumPath.TrimStart('/'));
        var program = Path.Combine(RepoPaths.Root, "build", "bin", Path.GetFileName(cmd[0]));
        var run = Processes.Run(program, cmd.Skip(1), env);
        return new Result(run.ExitCode, run.Stderr, Path.Combine(scratch, "out"));
    }
}
