namespace PredictiveLeads.Learning.Data;

/// <summary>What a column's values were read as: its kind, how its numbers or dates are written, and what to tell the user about it.</summary>
public sealed record ColumnReading(ColumnKind Kind, ValueFormat Format, string? Note);

/// <summary>
/// Watches every non-missing value of one column and keeps the narrowest kind that fits them all (boolean, then
/// numeric, then date/time, else categorical) together with the ways of writing numbers and dates that fit every
/// value. <see cref="Decide"/> picks one way, or says why it could not.
/// </summary>
/// <param name="datesMayBeUnix">Whether whole numbers may be Unix times: only for a column said to hold dates.</param>
internal sealed class KindInference(bool datesMayBeUnix = false)
{
    private const double MostlyNumeric = 0.9;

    private bool _canBeBoolean = true;

    private bool _numbersFitStandard = true;
    private bool _numbersFitDecimalComma = true;
    private bool _numbersFitThousandsComma = true;
    private string? _groupedExample;
    private bool _sawFraction;
    private long _numberLike;
    private readonly List<string> _strayExamples = [];
    private bool _notNumbers;

    private bool _datesFitIso = true;
    private bool _datesFitMonthFirst = true;
    private bool _datesFitDayFirst = true;
    private bool _datesFitDots = true;
    private bool _datesFitUnix = datesMayBeUnix;
    private double _largestUnix;
    private string? _monthFirstEvidence;
    private string? _dayFirstEvidence;

    public long NonMissingCount { get; private set; }

    public void Observe(ReadOnlySpan<char> field)
    {
        NonMissingCount++;
        if (_canBeBoolean)
            _canBeBoolean = FieldParser.TryParseBoolean(field, out _);
        if (!_notNumbers)
            ObserveNumber(field);
        if (_datesFitIso || _datesFitMonthFirst || _datesFitDayFirst || _datesFitDots || _datesFitUnix)
            ObserveDate(field);
    }

    private void ObserveNumber(ReadOnlySpan<char> field)
    {
        var shape = NumberText.Shape(field);
        if (shape == NumberShape.None)
        {
            _numbersFitStandard = _numbersFitDecimalComma = _numbersFitThousandsComma = false;
            if (_strayExamples.Count < 3 && !_strayExamples.Contains(field.Trim().ToString()))
                _strayExamples.Add(field.Trim().ToString());
            // A text column: stop looking at its values as numbers (a stray-text note needs 90% numbers).
            var stray = NonMissingCount - _numberLike;
            _notNumbers = stray > 100 && stray > (1 - MostlyNumeric) * NonMissingCount;
            return;
        }
        _numberLike++;
        if (shape == NumberShape.Integer)
            return;
        _sawFraction = true;
        _numbersFitStandard &= NumberText.Fits(shape, ValueFormat.Standard);
        _numbersFitDecimalComma &= NumberText.Fits(shape, ValueFormat.DecimalComma);
        _numbersFitThousandsComma &= NumberText.Fits(shape, ValueFormat.ThousandsComma);
        if (shape != NumberShape.Point)
            _groupedExample ??= field.Trim().ToString();
    }

    private void ObserveDate(ReadOnlySpan<char> field)
    {
        if (FieldParser.TryParseDate(field, out _))
        {
            _datesFitUnix = false;
            return;
        }
        _datesFitIso = false;
        if (_datesFitUnix)
        {
            _datesFitUnix = NumberText.Shape(field) == NumberShape.Integer;
            if (_datesFitUnix && FieldParser.TryParseNumber(field, out var number))
                _largestUnix = Math.Max(_largestUnix, Math.Abs(number));
        }
        if ((_datesFitMonthFirst || _datesFitDayFirst) && DateText.TrySplit(field, '/', out var parts))
        {
            if (_datesFitMonthFirst && !DateText.TryDays(parts, monthFirst: true, out _))
            {
                _datesFitMonthFirst = false;
                _dayFirstEvidence ??= field.Trim().ToString();
            }
            if (_datesFitDayFirst && !DateText.TryDays(parts, monthFirst: false, out _))
            {
                _datesFitDayFirst = false;
                _monthFirstEvidence ??= field.Trim().ToString();
            }
        }
        else
        {
            _datesFitMonthFirst = _datesFitDayFirst = false;
        }
        if (_datesFitDots)
            _datesFitDots = DateText.TrySplit(field, '.', out var dotted) && DateText.TryDays(dotted, monthFirst: false, out _);
    }

    /// <summary>
    /// The column's kind and format. <paramref name="kind"/> forces the kind (a schema's <c>kinds</c>, or the creation
    /// time), <paramref name="format"/> forces the format; <paramref name="preferred"/> settles a format the values leave
    /// open, such as 1/2/2024 with no day above 12 or 1.234 beside decimal commas, and says why it is preferred.
    /// Null when the forced kind or format does not fit every value.
    /// </summary>
    public ColumnReading? Decide(ColumnKind? kind, ValueFormat? format, (ValueFormat Format, string Because)? preferred)
    {
        if (NonMissingCount == 0)
            return new ColumnReading(kind ?? ColumnKind.Numeric, format ?? ValueFormat.Standard, null);
        if (format is { } forced)
            return Fits(forced, kind) ? new ColumnReading(kind ?? (forced.IsDate() ? ColumnKind.DateTime : ColumnKind.Numeric), forced, null) : null;
        var chosen = kind ?? (_canBeBoolean ? ColumnKind.Boolean
            : NumberFormats().Count > 0 ? ColumnKind.Numeric
            : DateFormats(includeUnix: false).Count > 0 ? ColumnKind.DateTime
            : ColumnKind.Categorical);
        return chosen switch
        {
            ColumnKind.Numeric => DecideNumbers(preferred),
            ColumnKind.DateTime => DecideDates(preferred, includeUnix: kind == ColumnKind.DateTime),
            ColumnKind.Boolean => _canBeBoolean ? new ColumnReading(ColumnKind.Boolean, ValueFormat.Standard, null) : null,
            _ => new ColumnReading(ColumnKind.Categorical, ValueFormat.Standard, kind is null ? StrayTexts() : null),
        };
    }

    /// <summary>Whether every value could be read as numbers written in <paramref name="format"/> (or dates, for a date format).</summary>
    private bool Fits(ValueFormat format, ColumnKind? kind) =>
        format.IsDate() || kind == ColumnKind.DateTime ? DateFormats(includeUnix: true).Contains(format) : NumberFormats().Contains(format);

    private List<ValueFormat> NumberFormats()
    {
        var formats = new List<ValueFormat>();
        if (_numberLike != NonMissingCount)
            return formats;
        if (_numbersFitStandard)
            formats.Add(ValueFormat.Standard);
        if (_numbersFitDecimalComma)
            formats.Add(ValueFormat.DecimalComma);
        if (_numbersFitThousandsComma)
            formats.Add(ValueFormat.ThousandsComma);
        return formats;
    }

    private List<ValueFormat> DateFormats(bool includeUnix)
    {
        var formats = new List<ValueFormat>();
        if (_datesFitIso)
            formats.Add(ValueFormat.Standard);
        if (_datesFitMonthFirst)
            formats.Add(ValueFormat.MonthFirst);
        if (_datesFitDayFirst)
            formats.Add(ValueFormat.DayFirst);
        if (_datesFitDots)
            formats.Add(ValueFormat.DayFirstDots);
        if (includeUnix && _datesFitUnix)
            formats.Add(_largestUnix >= 1e11 ? ValueFormat.UnixMilliseconds : ValueFormat.UnixSeconds);
        return formats;
    }

    private ColumnReading? DecideNumbers((ValueFormat Format, string Because)? preferred)
    {
        var formats = NumberFormats();
        if (formats.Count == 0)
            return null;
        if (!_sawFraction || (formats[0] == ValueFormat.Standard && (preferred is not { } p || !formats.Contains(p.Format))))
            return new ColumnReading(ColumnKind.Numeric, ValueFormat.Standard, null);
        if (preferred is { } wanted && formats.Contains(wanted.Format))
            return new ColumnReading(ColumnKind.Numeric, wanted.Format, wanted.Format == ValueFormat.Standard ? null : $"is read as {wanted.Format.Describe()}, {wanted.Because}");
        if (formats.Count == 1)
            return new ColumnReading(ColumnKind.Numeric, formats[0], $"is read as {formats[0].Describe()}, decided from values such as '{_groupedExample}'");
        return new ColumnReading(ColumnKind.Numeric, ValueFormat.ThousandsComma,
            $"is read as {ValueFormat.ThousandsComma.Describe()}: values such as '{_groupedExample}' could also be a decimal comma; say \"formats\": {{\"<column>\": \"decimal-comma\"}} in the schema if they are");
    }

    private ColumnReading? DecideDates((ValueFormat Format, string Because)? preferred, bool includeUnix)
    {
        var formats = DateFormats(includeUnix);
        if (formats.Count == 0)
            return null;
        if (formats[0] == ValueFormat.Standard)
            return new ColumnReading(ColumnKind.DateTime, ValueFormat.Standard, null);
        if (preferred is { } wanted && formats.Contains(wanted.Format))
            return new ColumnReading(ColumnKind.DateTime, wanted.Format, $"is read as {wanted.Format.Describe()}, {wanted.Because}");
        var both = formats.Contains(ValueFormat.MonthFirst) && formats.Contains(ValueFormat.DayFirst);
        var format = formats[0];
        var why = format switch
        {
            ValueFormat.MonthFirst when both => "no value settles the order (none has a number above 12 in first or second place), so month first was assumed; " +
                "say \"formats\": {\"<column>\": \"d/M/yyyy\"} in the schema if the day comes first",
            ValueFormat.MonthFirst => $"decided from values such as '{_monthFirstEvidence}'",
            ValueFormat.DayFirst => $"decided from values such as '{_dayFirstEvidence}'",
            ValueFormat.UnixSeconds or ValueFormat.UnixMilliseconds => "decided from the size of the numbers",
            _ => "decided from the values",
        };
        return new ColumnReading(ColumnKind.DateTime, format, $"is read as {format.Describe()}, {why}");
    }

    /// <summary>A note when most values are numbers but a few texts make the column a category.</summary>
    private string? StrayTexts()
    {
        var stray = NonMissingCount - _numberLike;
        if (_numberLike < MostlyNumeric * NonMissingCount || stray == 0)
            return null;
        return $"is read as categories: {_numberLike:N0} of {NonMissingCount:N0} values are numbers, but {stray:N0} {(stray == 1 ? "is" : "are")} not " +
            $"(such as {string.Join(", ", _strayExamples.Select(e => $"'{e}'"))}); declare such values missing with --missing or the schema's \"missing\", or fix them";
    }
}
