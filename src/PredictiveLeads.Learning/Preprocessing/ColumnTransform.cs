using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Learning.Preprocessing;

/// <summary>
/// The fitted transformation of one input column into one or more model features. Saved with the
/// model so scoring reads a raw value exactly as training did.
/// </summary>
public sealed record ColumnTransform
{
    private Dictionary<string, int>? _codeOfLevel;

    /// <summary>Input column name.</summary>
    public required string Column { get; init; }

    /// <summary>The column's kind in the training data.</summary>
    public required ColumnKind Kind { get; init; }

    /// <summary>Categorical levels kept (frequent enough), in code order.</summary>
    public IReadOnlyList<string> Levels { get; init; } = [];

    /// <summary>For dates: the day (days since 1970-01-01) that "days since" counts from.</summary>
    public double ReferenceDay { get; init; }

    /// <summary>
    /// Numeric kinds: per feature, the median of the training rows' present values. An ML.NET model gives a missing
    /// value this number (and a missing indicator), so a field never missing in training is read as a typical lead
    /// rather than as 0. Empty for models saved before it existed.
    /// </summary>
    public IReadOnlyList<double> MissingAs { get; init; } = [];

    /// <summary>Number of features this column produces.</summary>
    public int FeatureCount => Kind == ColumnKind.DateTime ? 3 : 1;

    /// <summary>The features this column produces, in output order.</summary>
    public IReadOnlyList<FeatureInfo> Features() => Kind switch
    {
        ColumnKind.Categorical => [new FeatureInfo(Column, FeatureKind.Categorical, Column, Levels)],
        ColumnKind.DateTime =>
        [
            new FeatureInfo(Column + ":days", FeatureKind.Numeric, Column, [], MissingValue(0)),
            new FeatureInfo(Column + ":day_of_week", FeatureKind.Numeric, Column, [], MissingValue(1)),
            new FeatureInfo(Column + ":month", FeatureKind.Numeric, Column, [], MissingValue(2)),
        ],
        _ => [new FeatureInfo(Column, FeatureKind.Numeric, Column, [], MissingValue(0))],
    };

    private double MissingValue(int feature) => feature < MissingAs.Count ? MissingAs[feature] : 0;

    /// <summary>The feature code of a categorical level: its index when kept, else the unseen code.</summary>
    public int CodeOf(ReadOnlySpan<char> level)
    {
        _codeOfLevel ??= BuildCodeLookup();
        return _codeOfLevel.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(level, out var code) ? code : Levels.Count + 1;
    }

    /// <summary>Writes this column's features for a value already parsed as a number (NaN when missing).</summary>
    public void WriteNumber(double value, Span<double> output)
    {
        if (Kind != ColumnKind.DateTime)
        {
            output[0] = value;
            return;
        }
        if (double.IsNaN(value))
        {
            output[0] = output[1] = output[2] = double.NaN;
            return;
        }
        var day = (long)Math.Floor(value);
        output[0] = value - ReferenceDay;
        // 1970-01-01 was a Thursday; with Monday = 0 that day is 3.
        output[1] = ((day + 3) % 7 + 7) % 7;
        output[2] = MonthOfDay(day);
    }

    /// <summary>The month (1-12) of a day counted from 1970-01-01, by integer civil-calendar arithmetic (no DateTime per row).</summary>
    internal static int MonthOfDay(long day)
    {
        // Howard Hinnant's civil_from_days: years of 400 are 146,097 days, and March starts the shifted year.
        var shifted = day + 719_468;
        var era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097;
        var dayOfEra = shifted - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var shiftedMonth = (5 * dayOfYear + 2) / 153;
        return (int)(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    }

    private Dictionary<string, int> BuildCodeLookup()
    {
        var lookup = new Dictionary<string, int>(Levels.Count, StringComparer.Ordinal);
        for (var i = 0; i < Levels.Count; i++)
            lookup[Levels[i]] = i;
        return lookup;
    }
}
