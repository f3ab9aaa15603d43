namespace PredictiveLeads.Learning.Data;

/// <summary>Writing CSV fields as RFC 4180 wants them.</summary>
public static class CsvText
{
    /// <summary>The field as is, or quoted (inner quotes doubled) when it holds a comma, quote or line break.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// A text cell for a CSV that people open in a spreadsheet: one starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
    /// carriage return would be run as a formula, so it is prefixed with an apostrophe and quoted (OWASP's advice on CSV
    /// injection). For texts only: a number such as -5 is written as it is.
    /// </summary>
    public static string QuoteText(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            ? "\"'" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : Quote(field);
}
