using System.Text.RegularExpressions;

namespace ImgEda.EndToEnd.Tests;

/// <summary>A DAG task's `depends` expression as Argo reads it (workflow/common/ancestry.go, expandDependency): a bare
/// task name means it Succeeded, Skipped or Daemoned; `task.Phase` tests one phase; &amp;&amp;, ||, ! and
/// parentheses.</summary>
internal static partial class ArgoDepends
{
    public static bool Evaluate(string expression, IReadOnlyDictionary<string, string> phases)
    {
        var tokens = Token().Matches(expression).Select(m => m.Value).ToList();
        var position = 0;
        var value = Or(tokens, ref position, phases);
        if (position != tokens.Count) throw new FormatException($"depends: cannot read '{expression}'");
        return value;
    }

    public static IReadOnlyList<string> TaskNames(string expression) =>
        [.. Token().Matches(expression).Select(m => m.Value)
            .Where(t => t is not ("&&" or "||" or "!" or "(" or ")"))
            .Select(t => t.Split('.')[0]).Distinct()];

    private static bool Or(List<string> t, ref int i, IReadOnlyDictionary<string, string> phases)
    {
        var value = And(t, ref i, phases);
        while (i < t.Count && t[i] == "||") { i++; value |= And(t, ref i, phases); }
        return value;
    }

    private static bool And(List<string> t, ref int i, IReadOnlyDictionary<string, string> phases)
    {
        var value = Unary(t, ref i, phases);
        while (i < t.Count && t[i] == "&&") { i++; value &= Unary(t, ref i, phases); }
        return value;
    }

    private static bool Unary(List<string> t, ref int i, IReadOnlyDictionary<string, string> phases)
    {
        if (t[i] == "!") { i++; return !Unary(t, ref i, phases); }
        if (t[i] == "(")
        {
            i++;
            var value = Or(t, ref i, phases);
            if (t[i++] != ")") throw new FormatException("depends: missing ')'");
            return value;
        }
        var parts = t[i++].Split('.');
        if (!phases.TryGetValue(parts[0], out var phase))
            throw new FormatException($"depends: task {parts[0]} has not run yet");
        return parts.Length == 1 ? phase is "Succeeded" or "Skipped" or "Daemoned" : phase == parts[1];
    }

    [GeneratedRegex(@"&&|\|\||!|\(|\)|[A-Za-z0-9-]+(\.[A-Za-z]+)?")]
    private static partial Regex Token();
}
