namespace ImgEda.Testing;

/// <summary>Debian's python3-opencv (OpenCV 4.6), the reference the parity tests compare against.</summary>
public static class PythonReference
{
    public const string Python = "/usr/bin/python3";

    public static Processes.Result Run(string script, params string[] args)
    {
        var result = Processes.Run(Python, ["-c", script, .. args], timeout: TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0) throw new InvalidOperationException($"python3 reference failed: {result.Stderr}");
        return result;
    }
}
