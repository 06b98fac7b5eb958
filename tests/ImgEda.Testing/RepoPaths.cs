using System.Diagnostics;

namespace ImgEda.Testing;

/// <summary>Where the repository, the built steps, the sample images and the fetched photos are.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples", "images");

    /// <summary>A built step: build/bin/imgeda-&lt;step&gt; (`make build`).</summary>
    public static string Step(string step)
    {
        var path = Path.Combine(Root, "build", "bin", $"imgeda-{step}");
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} is missing: run 'make build' first");
        return path;
    }

    /// <summary>The local engine, build/bin/imgeda (`make build`).</summary>
    public static string Engine
    {
        get
        {
            var path = Path.Combine(Root, "build", "bin", "imgeda");
            if (!File.Exists(path)) throw new InvalidOperationException($"{path} is missing: run 'make build' first");
            return path;
        }
    }

    private static readonly Lazy<string> PhotosDir = new(FetchPhotos);

    /// <summary>~160 real photos from Debian packages (bench/fetch-photos.sh), fetched on first use.</summary>
    public static string Photos => PhotosDir.Value;

    public static IReadOnlyList<string> PhotoFiles => Directory.GetFiles(Photos)
        .Where(f => !Path.GetFileName(f).StartsWith('.'))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The half of <see cref="PhotoFiles"/> (even positions) that thresholds and window sizes are tuned on
    /// (bench/ImgEda.Bench's tune commands); tests judge the other half, <see cref="TestPhotoFiles"/>.</summary>
    public static IReadOnlyList<string> TuningPhotoFiles => PhotoFiles.Where((_, i) => i % 2 == 0).ToList();

    /// <summary>The half of <see cref="PhotoFiles"/> (odd positions) that no tuning looked at.</summary>
    public static IReadOnlyList<string> TestPhotoFiles => PhotoFiles.Where((_, i) => i % 2 == 1).ToList();

    public static IReadOnlyList<string> SampleFiles =>
        Directory.GetFiles(Samples).Order(StringComparer.Ordinal).ToList();

    private static string FetchPhotos()
    {
        var dir = Environment.GetEnvironmentVariable("IMGEDA_PHOTOS") is { Length: > 0 } env
            ? env
            : Path.Combine(Root, ".corpus");
        if (File.Exists(Path.Combine(dir, ".complete"))) return dir;
        var fetchPhotos = Path.Combine(Root, "bench", "fetch-photos.sh");
        var run = Processes.Run("bash", [fetchPhotos, dir], timeout: TimeSpan.FromMinutes(5));
        if (run.ExitCode != 0) throw new InvalidOperationException($"fetching photos failed: {run.Stderr}");
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "ImgEda.Stages.sln"))) return dir;
        }
        throw new InvalidOperationException(
            "cannot find the repository root (ImgEda.Stages.sln) above " + AppContext.BaseDirectory);
    }
}
