using System.Diagnostics;
using System.Globalization;
using ImgEda.Core.Running;

namespace ImgEda.Core.Tests.Running;

public class AbandonedTemporariesTests
{
    [Fact]
    public void What_a_gone_writer_left_is_removed_and_a_live_writers_is_kept()
    {
        using var tmp = new TempDir();
        using var exited = Process.Start(new ProcessStartInfo("true"))!;
        exited.WaitForExit();
        using var running = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        try
        {
            string Entry(string writer) => tmp[$"{writer}-x"];
            foreach (var writer in new[] { Id(exited.Id), Id(running.Id), Id(Environment.ProcessId), "garbage" })
                File.WriteAllText(Entry(writer), "");
            Directory.CreateDirectory(tmp[$"{Id(exited.Id)}-folder/inside"]);

            var removed = AbandonedTemporaries.Remove(Directory.EnumerateFileSystemEntries(tmp.Path).ToList(),
                name => name.Split('-')[0]);

            // Our own id was left by an earlier process that had it: nothing of ours is written before the clean-up.
            Assert.Equal(4, removed);
            Assert.Equal([$"{Id(running.Id)}-x"],
                Directory.EnumerateFileSystemEntries(tmp.Path).Select(Path.GetFileName));
        }
        finally
        {
            running.Kill();
        }
    }

    [Fact]
    public void The_step_outputs_temporary_files_of_a_killed_writer_are_removed_at_any_depth()
    {
        using var tmp = new TempDir();
        using var running = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        try
        {
            var dead = tmp[$"a/b/.x{AtomicFile.TempMarker}999999999-0123"];
            var live = tmp[$"a/.y{AtomicFile.TempMarker}{Id(running.Id)}-0123"];
            foreach (var file in new[] { dead, live, tmp["a/b/kept.json"] })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, "");
            }

            Assert.Equal(1, AtomicFile.RemoveAbandoned(tmp.Path));
            Assert.False(File.Exists(dead));
            Assert.True(File.Exists(live) && File.Exists(tmp["a/b/kept.json"]));
        }
        finally
        {
            running.Kill();
        }
    }

    private static string Id(int pid) => pid.ToString(CultureInfo.InvariantCulture);
}
