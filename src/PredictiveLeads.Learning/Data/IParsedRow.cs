namespace PredictiveLeads.Learning.Data;

/// <summary>The parsed values of one row by column name: a row of a table, or a lead parsed from its fields.</summary>
public interface IParsedRow
{
    /// <summary>The column's value; <see cref="ParsedValue.Missing"/> when the row has no such column.</summary>
    ParsedValue this[string column] { get; }
}
