using System.Globalization;

namespace ImgEda.Core.Running;

/// <summary>Whether a process id names a running process: temporary files and folders carry their writer's id, so a
/// later run can tell what a killed process left behind from what a live one is using.</summary>
public static class LiveProcess
{
    /// <summary>A process that exists and is not a zombie (a killed process stays in /proc until it is
    /// reaped).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
