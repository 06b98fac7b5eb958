using System.Diagnostics;
using ImgEda.Core.Running;

namespace ImgEda.Core.Tests.Running;

public class CrashSupervisorTests
{
    [Fact]
    public void The_state_a_killed_supervisor_left_is_removed_and_a_live_ones_is_kept()
    {
        using var exited = Process.Start(new ProcessStartInfo("true"))!;
        exited.WaitForExit();
        using var running = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        var ns = CrashSupervisor.OwnNamespace;
        Assert.Matches("^[0-9]+$", ns);
        var dead = Directory.CreateTempSubdirectory($"imgeda-supervisor-{ns}-{exited.Id}-").FullName;
        File.WriteAllText(Path.Combine(dead, "journal"), "");
        var live = Directory.CreateTempSubdirectory($"imgeda-supervisor-{ns}-{running.Id}-").FullName;
        // A supervisor in another PID namespace (a sandboxed step): its id means nothing here, so it is left alone.
        var foreign = Directory.CreateTempSubdirectory($"imgeda-supervisor-1-{exited.Id}-").FullName;
        try
        {
            CrashSupervisor.RemoveAbandonedState();
            Assert.False(Directory.Exists(dead));
            Assert.True(Directory.Exists(live));
            Assert.True(Directory.Exists(foreign));
            Assert.True(LiveProcess.IsAlive(running.Id));
            Assert.False(LiveProcess.IsAlive(exited.Id));
        }
        finally
        {
            running.Kill();
            Directory.Delete(live, recursive: true);
            Directory.Delete(foreign, recursive: true);
        }
    }
}
