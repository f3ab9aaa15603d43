namespace PredictiveLeads.Learning.Data;

/// <summary>
/// Reads a CSV file into typed columns in two streaming passes: the first checks the shape of every
/// row and infers each column's kind from all its values, the second parses the values into arrays.
/// Nothing is held as text except categorical levels. In both passes the columns of a block of rows are
/// worked on in parallel (<see cref="CsvReadOptions.Threads"/>); the table does not depend on the number of threads.
/// </summary>
public static class CsvTableReader
{
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

    private sealed record Layout(char Delimiter, string[] Header, bool DropTrailing, ColumnReading[] Readings, bool[] Undecided, int RowCount);

    private static Layout Inspect(string path, CsvReadOptions options, FieldParser parser)
    {
        using var csv = CsvFile.Open(path, options.Delimiter);
        var header = csv.Header;
        var dropTrailing = header.Length > 1 && header[^1].Trim().Length == 0;
        var width = dropTrailing ? header.Length - 1 : header.Length;
        CheckHeaderNames(path, header, width, options);

        var inference = new KindInference[width];
        for (var c = 0; c < width; c++)
            inference[c] = new KindInference(datesMayBeUnix: options.KindOverrides.TryGetValue(header[c], out var kind) && kind == ColumnKind.DateTime);
        var skip = SkipMask(header, width, options);

        options.Progress?.Invoke("Checking rows", 0, csv.Length);
        var rows = ColumnPass.Run(csv, path, header, skip, options.Threads, int.MaxValue,
            check: (record, _) => CheckWidth(record, header.Length, width, dropTrailing),
            work: (c, _, field) =>
            {
                if (!parser.IsMissing(field))
                    inference[c].Observe(field);
                return null;
            },
            progress: position => options.Progress?.Invoke("Checking rows", position, csv.Length));
        if (rows == 0)
            throw DataFormatException.At(path, 1, null, "the file has a header line but no data rows");
        options.Progress?.Invoke("Checking rows", csv.Length, csv.Length);

        var (readings, undecided) = DecideReadings(header, width, skip, inference, options);
        return new Layout(csv.Delimiter, header, dropTrailing, readings, undecided, rows);
    }

    /// <summary>
    /// Each column's kind and format from its values, the overrides and the preferences. Where one column shows decimal
    /// commas, the others whose values could be written either way follow it: a file writes its numbers one way.
    /// A column whose forced kind or format does not fit every value is undecided, and reading it reports the first misfit.
    /// </summary>
    private static (ColumnReading[] Readings, bool[] Undecided) DecideReadings(string[] header, int width, bool[] skip, KindInference[] inference, CsvReadOptions options)
    {
        var readings = new ColumnReading[width];
        var undecided = new bool[width];
        (ValueFormat, string)? Preferred(string name) =>
            options.PreferredFormats.TryGetValue(name, out var format) ? (format, "like the file the model was trained on") : null;
        ColumnReading? Decide(int c, (ValueFormat, string)? preferred) => inference[c].Decide(
            options.KindOverrides.TryGetValue(header[c], out var kind) ? kind : null,
            options.FormatOverrides.TryGetValue(header[c], out var format) ? format : null, preferred);
        for (var c = 0; c < width; c++)
        {
            if (skip[c])
            {
                readings[c] = new ColumnReading(ColumnKind.Categorical, ValueFormat.Standard, null);
                continue;
            }
            var reading = Decide(c, Preferred(header[c]));
            undecided[c] = reading is null;
            readings[c] = reading ?? new ColumnReading(options.KindOverrides[header[c]], options.FormatOverrides.GetValueOrDefault(header[c]), null);
        }
        var decimalComma = Array.FindIndex(readings, r => r.Format == ValueFormat.DecimalComma);
        if (decimalComma < 0)
            return (readings, undecided);
        var because = $"as column '{header[decimalComma]}' of this file writes decimal commas";
        for (var c = 0; c < width; c++)
        {
            if (!skip[c] && !undecided[c] && readings[c].Kind == ColumnKind.Numeric && readings[c].Format != ValueFormat.DecimalComma
                && !options.PreferredFormats.ContainsKey(header[c]) && Decide(c, (ValueFormat.DecimalComma, because)) is { } followed)
                readings[c] = followed;
        }
        return (readings, undecided);
    }

    private static DataTable Load(string path, CsvReadOptions options, FieldParser parser, Layout layout)
    {
        using var csv = CsvFile.Open(path, layout.Delimiter);
        var width = layout.Readings.Length;
        var skip = SkipMask(layout.Header, width, options);
        var builders = new ColumnBuilder?[width];
        for (var c = 0; c < width; c++)
        {
            if (!skip[c])
                builders[c] = ColumnBuilder.Create(layout.Header[c], layout.Readings[c], layout.RowCount);
        }

        var lines = new long[layout.RowCount];
        options.Progress?.Invoke("Reading values", 0, csv.Length);
        var rows = ColumnPass.Run(csv, path, layout.Header, skip, options.Threads, layout.RowCount,
            check: (record, row) => lines[row] = record.Line,
            work: (c, row, field) =>
            {
                var builder = builders[c]!;
                if (builder.TryAdd(row, field, parser))
                    return null;
                return layout.Undecided[c] && builder.Kind == ColumnKind.DateTime
                    ? $"expected a date written the same way on every row (ISO-8601 such as 2024-03-01, M/d/yyyy, d/M/yyyy, d.M.yyyy or Unix time), found '{Shorten(field)}'"
                    : $"expected {FieldParser.Describe(builder.Kind, builder.Format)}, found '{Shorten(field)}'";
            },
            progress: position => options.Progress?.Invoke("Reading values", position, csv.Length));
        if (rows != layout.RowCount || csv.Read())
            throw DataFormatException.At(path, 0, null, "the file changed while it was being read");
        options.Progress?.Invoke("Reading values", csv.Length, csv.Length);

        var columns = new List<DataColumn>(width);
        var notes = new List<string>();
        for (var c = 0; c < width; c++)
        {
            if (builders[c] is not { } builder)
                continue;
            columns.Add(builder.Build());
            if (layout.Readings[c].Note is { } note)
                notes.Add($"column '{layout.Header[c]}' {note}");
        }
        return new DataTable(path, columns, lines) { ReadingNotes = notes };
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
