using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImgEda.Engine.Cli;

/// <summary>`-o json` on every list and inspect command, as pachctl has it: one JSON document on stdout for scripts
/// (a list is an array of objects), instead of the table.</summary>
public static class OutputFormat
{
    /// <summary>For a terminal or a script, not for HTML: '+', '&lt;', '&amp;' and non-ASCII names stay as they are
    /// instead of \u002B escapes (the default encoder escapes for embedding in web pages).</summary>
    public static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A fresh option per command (an option belongs to one command); inspect commands print JSON by
    /// default and take the option for pachctl users' habit.</summary>
    public static Option<string> Option(string fallback = "table")
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "table or json",
            DefaultValueFactory = _ => fallback,
            HelpName = "FORMAT",
        };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }

    public static bool IsJson(ParseResult parse, Option<string> option) => parse.GetValue(option) == "json";

    public static void Write(JsonNode document) => Console.WriteLine(document.ToJsonString(Indented));

    /// <summary>A name on one table row: a line break in a file name (which Linux allows) is shown as \n, so that a
    /// row stays a row for `grep`, `awk` and the eye; `-o json` has the name as it is.</summary>
    public static string OneLine(string name) => name.ReplaceLineEndings("\\n");
}
