namespace ImgEda.Annotations.Tests;

/// <summary>Problems as "kind file:line" strings (the image where there is no file), sorted: a test lists every
/// problem it planted and nothing else.</summary>
public static class ProblemList
{
    public static List<string> Of(AnnotationsReport report) =>
        [.. report.Problems.Select(p => $"{p.Kind} {p.File ?? p.Image}{(p.Line is { } l ? $":{l}" : "")}")
            .Order(StringComparer.Ordinal)];
}
