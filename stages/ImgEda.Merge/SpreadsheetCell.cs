namespace ImgEda.Merge;

/// <summary>A CSV text cell made safe to open in a spreadsheet: a cell that starts with '=', '+', '-', '@', a tab or
/// a carriage return is a formula to Excel and LibreOffice (`=HYPERLINK(...)` in a file name or an EXIF field runs
/// on open), so it gets a leading apostrophe, as OWASP's CSV-injection advice and spreadsheet-safe writers do. Only
/// the CSV is changed: manifest.jsonl keeps the true text.</summary>
public static class SpreadsheetCell
{
    public static string? Neutralized(string? text) =>
        text is [('=' or '+' or '-' or '@' or '\t' or '\r'), ..] ? "'" + text : text;
}
