namespace PredictiveLeads.Learning.Data;

/// <summary>One row of a table, read in place: the columns hold parsed values already.</summary>
public sealed class TableRow(DataTable table) : IParsedRow
{
    public int Row { get; set; }

    public ParsedValue this[string column] => table.Find(column) switch
    {
        NumericColumn numeric => ParsedValue.OfNumber(numeric.Kind, numeric.Values[Row]),
        CategoricalColumn categorical when categorical.Codes[Row] != CategoricalColumn.MissingCode => ParsedValue.OfText(categorical.Levels[categorical.Codes[Row]]),
        _ => ParsedValue.Missing,
    };
}
