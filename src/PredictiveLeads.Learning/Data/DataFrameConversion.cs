using Microsoft.Data.Analysis;

namespace PredictiveLeads.Learning.Data;

/// <summary>
/// Turns a <see cref="DataTable"/> into a Microsoft.Data.Analysis <see cref="DataFrame"/>, the table type notebooks
/// display and analysts slice. Each column keeps its kind; missing values become nulls.
/// </summary>
public static class DataFrameConversion
{
    /// <summary>
    /// The table as a data frame, columns in the table's order: numeric columns as doubles, boolean as booleans,
    /// dates as UTC <see cref="DateTime"/> to the millisecond, categorical as strings.
    /// </summary>
    public static DataFrame ToDataFrame(this DataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new DataFrame(table.Columns.Select(ToDataFrameColumn));
    }

    private static DataFrameColumn ToDataFrameColumn(DataColumn column) => column switch
    {
        NumericColumn { Kind: ColumnKind.Boolean } booleans =>
            new BooleanDataFrameColumn(column.Name, booleans.Values.Select(v => double.IsNaN(v) ? (bool?)null : v != 0)),
        NumericColumn { Kind: ColumnKind.DateTime } dates =>
            new DateTimeDataFrameColumn(column.Name, dates.Values.Select(v => double.IsNaN(v) ? (DateTime?)null : DayNumber.ToDateTime(v))),
        NumericColumn numbers =>
            new DoubleDataFrameColumn(column.Name, numbers.Values.Select(v => double.IsNaN(v) ? (double?)null : v)),
        CategoricalColumn categories =>
            new StringDataFrameColumn(column.Name, categories.Codes.Select(c => c == CategoricalColumn.MissingCode ? null : categories.Levels[c])),
        _ => throw new ArgumentException($"column '{column.Name}' is of an unknown type {column.GetType().Name}", nameof(column)),
    };
}
