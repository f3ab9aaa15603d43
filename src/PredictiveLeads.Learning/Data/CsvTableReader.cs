namespace PredictiveLeads.Learning.Data;

/// <summary>
/// Reads a CSV file into typed columns in two streaming passes: the first checks the shape of every
/// row and infers each column's kind from all its values, the second parses the values into arrays.
/// Nothing is held as text except categorical levels.
/// </summary>
public static class CsvTableReader
{
    private const int ProgressEveryRows = 16_384;

    public static DataTable Read(string path, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        var parser = new FieldParser(options.MissingTokens);
        var layout = Inspect(path, options, parser);
        return Load(path, options, parser, layout);
    }

    /// <summary>Reads only the header and returns the column names (a trailing unnamed column dropped).</summary>
    public static IReadOnlyList<string> ReadHeader(string path, CsvReadOptions? options = null)
    {
        using var csv = CsvFile.Open(path, options?.Delimiter);
        var header = csv.Header;
        return header.Length > 1 && header[^1].Trim().Length == 0 ? header[..^1] : header;
    }

    private sealed record Layout(char Delimiter, string[] Header, bool DropTrailing, ColumnKind[] Kinds, int RowCount);

    private static Layout Inspect(string path, CsvReadOptions options, FieldParser parser)
    {
        using var csv = CsvFile.Open(path, options.Delimiter);
        var header = csv.Header;
        var dropTrailing = header.Length > 1 && header[^1].Trim().Length == 0;
        var width = dropTrailing ? header.Length - 1 : header.Length;
        CheckHeaderNames(path, header, width, options);

        var inference = new KindInference[width];
        for (var c = 0; c < width; c++)
            inference[c] = new KindInference();
        var skip = SkipMask(header, width, options);

        var rows = 0;
        options.Progress?.Invoke("Checking rows", 0, csv.Length);
        while (csv.Read())
        {
            CheckWidth(csv, header.Length, width, dropTrailing);
            for (var c = 0; c < width; c++)
            {
                if (skip[c])
                    continue;
                var field = csv.Field(c);
                if (!parser.IsMissing(field))
                    inference[c].Observe(field);
            }
            rows++;
            if (rows % ProgressEveryRows == 0)
                options.Progress?.Invoke("Checking rows", csv.Position, csv.Length);
        }
        if (rows == 0)
            throw DataFormatException.At(path, 1, null, "the file has a header line but no data rows");
        options.Progress?.Invoke("Checking rows", csv.Length, csv.Length);

        var kinds = new ColumnKind[width];
        for (var c = 0; c < width; c++)
            kinds[c] = options.KindOverrides.TryGetValue(header[c], out var kind) ? kind : inference[c].Result;
        return new Layout(csv.Delimiter, header, dropTrailing, kinds, rows);
    }

    private static DataTable Load(string path, CsvReadOptions options, FieldParser parser, Layout layout)
    {
        using var csv = CsvFile.Open(path, layout.Delimiter);
        var width = layout.Kinds.Length;
        var skip = SkipMask(layout.Header, width, options);
        var builders = new ColumnBuilder?[width];
        for (var c = 0; c < width; c++)
        {
            if (!skip[c])
                builders[c] = ColumnBuilder.Create(layout.Header[c], layout.Kinds[c], layout.RowCount);
        }

        var lines = new long[layout.RowCount];
        var row = 0;
        options.Progress?.Invoke("Reading values", 0, csv.Length);
        while (row < layout.RowCount && csv.Read())
        {
            lines[row] = csv.Line;
            for (var c = 0; c < width; c++)
            {
                var builder = builders[c];
                if (builder is null)
                    continue;
                var field = csv.Field(c);
                if (!builder.TryAdd(row, field, parser))
                    throw DataFormatException.At(path, csv.Line, layout.Header[c],
                        $"expected {FieldParser.Describe(builder.Kind)}, found '{Shorten(field)}'");
            }
            row++;
            if (row % ProgressEveryRows == 0)
                options.Progress?.Invoke("Reading values", csv.Position, csv.Length);
        }
        if (row != layout.RowCount || csv.Read())
            throw DataFormatException.At(path, 0, null, "the file changed while it was being read");
        options.Progress?.Invoke("Reading values", csv.Length, csv.Length);

        var columns = new List<DataColumn>(width);
        foreach (var builder in builders)
        {
            if (builder is not null)
                columns.Add(builder.Build());
        }
        return new DataTable(path, columns, lines);
    }

    private static void CheckHeaderNames(string path, string[] header, int width, CsvReadOptions options)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < width; c++)
        {
            var name = header[c];
            if (name.Trim().Length == 0)
                throw DataFormatException.At(path, 1, null, $"column {c + 1} of the header has no name");
            if (!seen.Add(name))
                throw DataFormatException.At(path, 1, name, "appears twice in the header; column names must be unique");
        }
        foreach (var name in options.KindOverrides.Keys)
        {
            if (!seen.Contains(name))
                throw DataFormatException.At(path, 1, name, "has a kind override but is not in the header");
        }
    }

    private static void CheckWidth(CsvFile csv, int headerWidth, int width, bool dropTrailing)
    {
        var count = csv.FieldCount;
        if (count == headerWidth && (!dropTrailing || csv.Field(width).Length == 0))
            return;
        if (dropTrailing && count == headerWidth)
            throw csv.Error("has a value in the last, unnamed column; give that column a name in the header");
        throw csv.Error($"has {count} fields but the header has {headerWidth}");
    }

    private static bool[] SkipMask(string[] header, int width, CsvReadOptions options)
    {
        var skip = new bool[width];
        for (var c = 0; c < width; c++)
            skip[c] = options.SkipColumns.Contains(header[c]);
        return skip;
    }

    private static string Shorten(ReadOnlySpan<char> field) =>
        field.Length <= 40 ? field.ToString() : string.Concat(field[..37], "...");
}
