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
        var dead = Directory.CreateTempSubdirectory($"imgeda-supervisor-{exited.Id}-").FullName;
        File.WriteAllText(Path.Combine(dead, "journal"), "");
        var live = Directory.CreateTempSubdirectory($"imgeda-supervisor-{Environment.ProcessId}-").FullName;
        try
        {
            CrashSupervisor.RemoveAbandonedState();
            Assert.False(Directory.Exists(dead));
            Assert.True(Directory.Exists(live));
            Assert.True(LiveProcess.IsAlive(Environment.ProcessId));
            Assert.False(LiveProcess.IsAlive(exited.Id));
        }
        finally
        {
            Directory.Delete(live, recursive: true);
        }
    }
}
