using System.Text;
using System.Text.RegularExpressions;

namespace ImgEda.Engine.Specs;

/// <summary>A Pachyderm glob matched against repo paths ("/a/b.jpg" and the folders above it): '*' and '?' stay inside
/// one path segment, '**' crosses segments, [...] and {a,b} as in Pachyderm's glob library. "/" is the whole
/// repo.</summary>
public sealed class GlobPattern
{
    private readonly Regex _regex;

    public string Text { get; }

    /// <summary>True for "/" (or ""): the whole repo is one datum.</summary>
    public bool IsWholeRepo { get; }

    public GlobPattern(string text)
    {
        Text = text;
        var normalized = "/" + text.Trim('/');
        IsWholeRepo = normalized == "/";
        try
        {
            _regex = new Regex("^" + Translate(normalized) + "$",
                RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }
        catch (ArgumentException e)
        {
            // An empty or reversed set ("[]", "[z-a]") is not a pattern the regex engine takes either.
            throw new FormatException($"glob '{text}' is not a valid pattern ({e.Message})");
        }
    }

    /// <summary>Does the glob match this repo path (with a leading '/', no trailing '/')?</summary>
    public bool Matches(string path) => _regex.IsMatch(path);

    public override string ToString() => Text;

    private static string Translate(string glob)
    {
        var regex = new StringBuilder();
        var alternation = 0;
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    regex.Append(".*");
                    i++;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 1);
                    if (close < 0) throw new FormatException($"glob '{glob}': '[' without ']'");
                    var set = glob[(i + 1)..close];
                    if (set.Length == 0 || set == "!") throw new FormatException($"glob '{glob}': an empty set '[]'");
                    var members = set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set);
                    regex.Append('[').Append(members).Append(']');
                    i = close;
                    break;
                case '{':
                    alternation++;
                    regex.Append("(?:");
                    break;
                case '}' when alternation > 0:
                    alternation--;
                    regex.Append(')');
                    break;
                case ',' when alternation > 0:
                    regex.Append('|');
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        if (alternation > 0) throw new FormatException($"glob '{glob}': '{{' without '}}'");
        return regex.ToString();
    }
}
