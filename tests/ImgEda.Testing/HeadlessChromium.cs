using System.Text.RegularExpressions;
using Xunit;

namespace ImgEda.Testing;

/// <summary>Debian's Chromium, headless, with every host unresolvable and its console on stderr: how the tests open
/// report.html as a user's browser would, with no network.</summary>
public static partial class HeadlessChromium
{
    private const string Program = "/usr/bin/chromium";

    public static Processes.Result Run(TempDir tmp, params string[] args)
    {
        Assert.True(File.Exists(Program), "Chromium is missing: make deps installs it (Debian package chromium)");
        return Processes.Run(Program,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            $"--user-data-dir={tmp["chromium-profile"]}", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr", "--log-level=0", "--virtual-time-budget=5000", .. args,
        ], timeout: TimeSpan.FromMinutes(2));
    }

    /// <summary>Every console message the page logged (errors, Content-Security-Policy refusals, ...).</summary>
    public static IReadOnlyList<string> ConsoleMessages(Processes.Result run) =>
        [.. Console().Matches(run.Stderr).Select(m => m.Value)];

    /// <summary>The number of table rows report.html says it rendered (its data-rows attribute).</summary>
    public static int RenderedRows(string dom) => int.Parse(Rows().Match(dom).Groups[1].Value);

    [GeneratedRegex(@"CONSOLE[^\]]*\].*")]
    private static partial Regex Console();

    [GeneratedRegex("data-rows=\"(\\d+)\"")]
    private static partial Regex Rows();
}
