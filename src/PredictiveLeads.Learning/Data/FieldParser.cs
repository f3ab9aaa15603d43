using System.Globalization;

namespace PredictiveLeads.Learning.Data;

/// <summary>
/// Turns one text field into a typed value. Shared by the CSV reader and by scoring of raw rows,
/// so that training and scoring read a value the same way.
/// </summary>
public sealed class FieldParser
{
    /// <summary>Tokens that always mean "no value", compared case-insensitively after trimming.</summary>
    public static readonly IReadOnlyList<string> DefaultMissingTokens = ["", "NA", "N/A", "null", "NaN"];

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK",
    ];

    private readonly HashSet<string> _missing;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _missingLookup;

    /// <summary>The longest missing token: a longer field is a value without hashing it (most fields are).</summary>
    private readonly int _longestMissing;

    public FieldParser(IEnumerable<string>? extraMissingTokens = null)
    {
        _missing = new HashSet<string>(DefaultMissingTokens, StringComparer.OrdinalIgnoreCase);
        foreach (var token in extraMissingTokens ?? [])
            _missing.Add(token.Trim());
        _missingLookup = _missing.GetAlternateLookup<ReadOnlySpan<char>>();
        _longestMissing = _missing.Max(token => token.Length);
        MissingTokens = [.. _missing.Order(StringComparer.Ordinal)];
    }

    /// <summary>Every token treated as missing, sorted, for saving with a model.</summary>
    public IReadOnlyList<string> MissingTokens { get; }

    public bool IsMissing(ReadOnlySpan<char> field)
    {
        var trimmed = field.Trim();
        return trimmed.Length <= _longestMissing && _missingLookup.Contains(trimmed);
    }

    public static bool TryParseNumber(ReadOnlySpan<char> field, out double value)
    {
        var text = field.Trim();
        if (SimpleForms.TryDecimal(text, out value))
            return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value))
            return true;
        value = double.NaN;
        return false;
    }

    public static bool TryParseBoolean(ReadOnlySpan<char> field, out double value)
    {
        var text = field.Trim();
        if (text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            value = 1;
            return true;
        }
        if (text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            value = 0;
            return true;
        }
        value = double.NaN;
        return false;
    }

    /// <summary>Parses an ISO-8601 date or date-time into days since 1970-01-01 UTC (fractional).</summary>
    public static bool TryParseDate(ReadOnlySpan<char> field, out double days)
    {
        var text = field.Trim();
        // Cheap shape check first: every accepted format starts with yyyy-MM-dd.
        if (text.Length < 10 || text[4] != '-' || text[7] != '-')
        {
            days = double.NaN;
            return false;
        }
        if (SimpleForms.TryIsoDate(text, out days))
            return true;
        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            days = DayNumber.From(moment);
            return true;
        }
        days = double.NaN;
        return false;
    }

    /// <summary>
    /// Parses a field of a known kind written in <paramref name="format"/>. Missing tokens give NaN; text that does not
    /// fit gives false. <paramref name="lenient"/> also reads a number written another way that cannot be mistaken.
    /// </summary>
    public bool TryParse(ColumnKind kind, ReadOnlySpan<char> field, out double value, ValueFormat format = ValueFormat.Standard, bool lenient = false)
    {
        if (IsMissing(field))
        {
            value = double.NaN;
            return true;
        }
        return kind switch
        {
            ColumnKind.Numeric => lenient ? NumberText.TryParseLenient(field, format, out value) : NumberText.TryParse(field, format, out value),
            ColumnKind.Boolean => TryParseBoolean(field, out value),
            ColumnKind.DateTime => DateText.TryParse(field, format, out value),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "categorical fields are not parsed to numbers"),
        };
    }

    /// <summary>A short description of what a field of this kind must look like, for error messages.</summary>
    public static string Describe(ColumnKind kind, ValueFormat format = ValueFormat.Standard) => (kind, format) switch
    {
        (ColumnKind.Numeric, ValueFormat.Standard) => "a number",
        (ColumnKind.Numeric, _) => $"a number written like the column's other values ({format.Describe()})",
        (ColumnKind.Boolean, _) => "a boolean (0/1, true/false, yes/no)",
        (ColumnKind.DateTime, ValueFormat.Standard) => "an ISO-8601 date such as 2024-03-01 or 2024-03-01 14:30:00",
        (ColumnKind.DateTime, _) => $"a date written like the column's other values ({format.Describe()}) or in ISO-8601",
        _ => "text",
    };
}
