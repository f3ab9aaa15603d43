namespace PredictiveLeads.Learning.Data;

/// <summary>Rows of typed columns read from one file. Columns keep the file's order.</summary>
public sealed class DataTable
{
    private readonly Dictionary<string, DataColumn> _byName;

    public DataTable(string source, IReadOnlyList<DataColumn> columns, IReadOnlyList<long> lineNumbers)
    {
        Source = source;
        Columns = columns;
        LineNumbers = lineNumbers;
        RowCount = lineNumbers.Count;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Length != RowCount)
                throw new ArgumentException($"column '{column.Name}' has {column.Length} rows, expected {RowCount}");
        }
    }

    /// <summary>What the reader decided about how columns are written (decimal commas, day-first dates...) or could not use, one line per column.</summary>
    public IReadOnlyList<string> ReadingNotes { get; init; } = [];

    /// <summary>Where the data came from (a file path), for messages.</summary>
    public string Source { get; }

    public IReadOnlyList<DataColumn> Columns { get; }

    public int RowCount { get; }

    /// <summary>The line in the source file on which each row starts (1-based).</summary>
    public IReadOnlyList<long> LineNumbers { get; }

    public bool Contains(string name) => _byName.ContainsKey(name);

    public DataColumn this[string name] =>
        _byName.TryGetValue(name, out var column)
            ? column
            : throw new DataFormatException($"{Source}: no column named '{name}' (columns: {string.Join(", ", Columns.Select(c => c.Name))})");

    public DataColumn? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>A new table holding the given rows, in the given order.</summary>
    public DataTable Select(ReadOnlySpan<int> rows)
    {
        var lines = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++)
            lines[i] = LineNumbers[rows[i]];
        var columns = new List<DataColumn>(Columns.Count);
        foreach (var column in Columns)
        {
            switch (column)
            {
                case NumericColumn numeric:
                    var values = new double[rows.Length];
                    for (var i = 0; i < rows.Length; i++)
                        values[i] = numeric.Values[rows[i]];
                    columns.Add(new NumericColumn(numeric.Name, numeric.Kind, values));
                    break;
                case CategoricalColumn categorical:
                    var codes = new int[rows.Length];
                    for (var i = 0; i < rows.Length; i++)
                        codes[i] = categorical.Codes[rows[i]];
                    columns.Add(new CategoricalColumn(categorical.Name, codes, categorical.Levels));
                    break;
            }
        }
        return new DataTable(Source, columns, lines);
    }
}
