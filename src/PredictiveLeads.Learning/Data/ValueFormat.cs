namespace PredictiveLeads.Learning.Data;

/// <summary>
/// How a column writes its numbers or dates, decided per column from its values (or set by the schema's
/// <c>formats</c>). ISO-8601 dates are read in every date format: they cannot be mistaken.
/// </summary>
public enum ValueFormat
{
    /// <summary>Numbers with a decimal point and no grouping (1234.5); dates in ISO-8601 (2024-01-05, 2024-01-05T14:30:00Z).</summary>
    Standard,

    /// <summary>A decimal comma, dots grouping thousands: 0,687 and 1.234,5.</summary>
    DecimalComma,

    /// <summary>A decimal point, commas grouping thousands: 1,234.5.</summary>
    ThousandsComma,

    /// <summary>Dates month first: 1/5/2024 is 5 January 2024 (M/d/yyyy, with an optional time).</summary>
    MonthFirst,

    /// <summary>Dates day first: 1/5/2024 is 1 May 2024 (d/M/yyyy, with an optional time).</summary>
    DayFirst,

    /// <summary>Dates day first with dots: 1.5.2024 is 1 May 2024 (d.M.yyyy, with an optional time).</summary>
    DayFirstDots,

    /// <summary>Dates as seconds since 1970-01-01 UTC.</summary>
    UnixSeconds,

    /// <summary>Dates as milliseconds since 1970-01-01 UTC.</summary>
    UnixMilliseconds,
}

public static class ValueFormats
{
    private static readonly (ValueFormat Format, string Name, string Description)[] Names =
    [
        (ValueFormat.Standard, "standard", "numbers with a decimal point, ISO-8601 dates"),
        (ValueFormat.DecimalComma, "decimal-comma", "numbers with a decimal comma (0,687 = 0.687; 1.234,5 = 1234.5)"),
        (ValueFormat.ThousandsComma, "thousands-comma", "numbers with commas grouping thousands (1,234.5 = 1234.5)"),
        (ValueFormat.MonthFirst, "M/d/yyyy", "dates written month first (M/d/yyyy: 1/5/2024 is 5 January 2024)"),
        (ValueFormat.DayFirst, "d/M/yyyy", "dates written day first (d/M/yyyy: 1/5/2024 is 1 May 2024)"),
        (ValueFormat.DayFirstDots, "d.M.yyyy", "dates written day first with dots (d.M.yyyy: 1.5.2024 is 1 May 2024)"),
        (ValueFormat.UnixSeconds, "unix-seconds", "dates as Unix time in seconds"),
        (ValueFormat.UnixMilliseconds, "unix-milliseconds", "dates as Unix time in milliseconds"),
    ];

    /// <summary>The name a schema or bundle writes the format with, such as "M/d/yyyy" or "decimal-comma".</summary>
    public static string Name(this ValueFormat format) => Names.First(n => n.Format == format).Name;

    /// <summary>The format in words, with an example, for what training prints.</summary>
    public static string Describe(this ValueFormat format) => Names.First(n => n.Format == format).Description;

    public static bool IsDate(this ValueFormat format) => format is ValueFormat.MonthFirst or ValueFormat.DayFirst or ValueFormat.DayFirstDots
        or ValueFormat.UnixSeconds or ValueFormat.UnixMilliseconds;

    /// <summary>Column → format from column → format name ("M/d/yyyy"...); null with the first name not known, and the known ones.</summary>
    public static (Dictionary<string, ValueFormat>? Formats, string? Problem) ByColumn(IReadOnlyDictionary<string, string> names)
    {
        var formats = new Dictionary<string, ValueFormat>(StringComparer.Ordinal);
        foreach (var (column, name) in names)
        {
            var found = Names.FirstOrDefault(n => string.Equals(n.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (found.Name is null)
                return (null, $"the format of '{column}' is '{name}'; known formats: {string.Join(", ", Names.Select(n => n.Name))}");
            formats[column] = found.Format;
        }
        return (formats, null);
    }
}
