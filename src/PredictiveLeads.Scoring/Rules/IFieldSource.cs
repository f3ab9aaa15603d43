using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Rules;

/// <summary>The raw fields of one lead, by column name: a row of a table or a request's fields.</summary>
public interface IFieldSource
{
    /// <summary>The field's text, or null when the lead has no such field or its value is missing.</summary>
    string? Text(string field);
}

/// <summary>A lead given as field name → text, as the API receives it.</summary>
public sealed class DictionaryFields(IReadOnlyDictionary<string, string?> fields, FieldParser parser) : IFieldSource
{
    public string? Text(string field) =>
        fields.TryGetValue(field, out var text) && text is not null && !parser.IsMissing(text) ? text.Trim() : null;
}

/// <summary>One row of a table read from a file.</summary>
public sealed class TableRowFields(DataTable table) : IFieldSource
{
    public int Row { get; set; }

    public string? Text(string field) =>
        table.Find(field) is { } column && !column.IsMissing(Row) ? column.FormatValue(Row) : null;
}
