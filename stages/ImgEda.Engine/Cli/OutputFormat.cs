using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImgEda.Engine.Cli;

/// <summary>`-o json` on every list and inspect command, as pachctl has it: one JSON document on stdout for scripts
/// (a list is an array of objects), instead of the table.</summary>
public static class OutputFormat
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

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
}
