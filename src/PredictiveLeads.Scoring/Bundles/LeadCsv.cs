using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Bundles;

/// <summary>The leads of a CSV file: its header, and each row as field name → the text written there (null when missing).</summary>
public sealed record LeadRows(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyDictionary<string, string?>> Rows)
{
    /// <summary>The first of <paramref name="names"/> that is a column, if any.</summary>
    public string? FindColumn(params string?[] names) => names.FirstOrDefault(n => n is not null && Columns.Contains(n, StringComparer.Ordinal));
}

/// <summary>Leads sent as CSV, read as text for the lead scorer to parse field by field exactly as it parses a JSON body.</summary>
public static class LeadCsv
{
    /// <summary>
    /// Reads every column as the text the file holds (the bundle's missing tokens aside), so a CSV row and the same lead
    /// sent as JSON get the same answer and a bad value is that row's error, not the whole file's. A file that cannot be
    /// read at all (ragged rows, a bad header) gives the reason, with line and column.
    /// </summary>
    public static (LeadRows? Leads, string? Problem) TryRead(ModelBundle bundle, string path)
    {
        DataTable table;
        try
        {
            var header = CsvTableReader.ReadHeader(path);
            table = CsvTableReader.Read(path, new CsvReadOptions
            {
                MissingTokens = bundle.Manifest.Missing,
                KindOverrides = header.Distinct(StringComparer.Ordinal).ToDictionary(name => name, _ => ColumnKind.Categorical, StringComparer.Ordinal),
            });
        }
        catch (DataFormatException e)
        {
            return (null, e.Message);
        }
        var rows = new IReadOnlyDictionary<string, string?>[table.RowCount];
        for (var row = 0; row < rows.Length; row++)
            rows[row] = table.Columns.ToDictionary(c => c.Name, c => c.IsMissing(row) ? null : c.FormatValue(row), StringComparer.Ordinal);
        return (new LeadRows([.. table.Columns.Select(c => c.Name)], rows), null);
    }

    /// <summary>A text cell for a CSV answer, quoted when it needs to be and kept from running as a spreadsheet formula.</summary>
    public static string QuoteText(string field) => CsvText.QuoteText(field);
}
