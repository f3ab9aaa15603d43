namespace PredictiveLeads.Learning.Data;

/// <summary>Writing CSV fields as RFC 4180 wants them.</summary>
public static class CsvText
{
    /// <summary>The field as is, or quoted (inner quotes doubled) when it holds a comma, quote or line break.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
