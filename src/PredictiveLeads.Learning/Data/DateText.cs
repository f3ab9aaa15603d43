namespace PredictiveLeads.Learning.Data;

/// <summary>
/// Reads the dates CRMs export besides ISO-8601: 1/5/2024 and 01/05/24 (month or day first), 1.5.2024 (day first),
/// each with an optional time (14:30, 14:30:15, 2:30 PM), and Unix seconds or milliseconds. Times are UTC.
/// </summary>
internal static class DateText
{
    /// <summary>The parts of a d/M, M/d or d.M date; <c>First</c> and <c>Second</c> are the two numbers before the year.</summary>
    public readonly record struct Parts(int First, int Second, int Year, int Hour, int Minute, int Seconds);

    /// <summary>Splits "1/5/2024 14:30" (with <paramref name="separator"/> '/' or '.') into its numbers; false when it is not shaped so.</summary>
    public static bool TrySplit(ReadOnlySpan<char> text, char separator, out Parts parts)
    {
        parts = default;
        text = text.Trim();
        var at = 0;
        if (!Number(text, ref at, 1, 2, out var first) || !Expect(text, ref at, separator)
            || !Number(text, ref at, 1, 2, out var second) || !Expect(text, ref at, separator)
            || !Number(text, ref at, 2, 4, out var year, out var yearDigits) || yearDigits == 3)
            return false;
        if (yearDigits == 2)
            year += year <= 49 ? 2000 : 1900;
        int hour = 0, minute = 0, seconds = 0;
        if (at < text.Length)
        {
            if (text[at] is not (' ' or 'T'))
                return false;
            while (at < text.Length && text[at] is ' ' or 'T')
                at++;
            if (!Number(text, ref at, 1, 2, out hour) || !Expect(text, ref at, ':') || !Number(text, ref at, 2, 2, out minute))
                return false;
            if (at < text.Length && text[at] == ':')
            {
                at++;
                if (!Number(text, ref at, 2, 2, out seconds))
                    return false;
            }
            var rest = text[at..].Trim();
            if (rest.Length > 0)
            {
                var pm = rest.Equals("PM", StringComparison.OrdinalIgnoreCase);
                if (!pm && !rest.Equals("AM", StringComparison.OrdinalIgnoreCase) || hour is < 1 or > 12)
                    return false;
                hour = hour % 12 + (pm ? 12 : 0);
            }
        }
        if (hour > 23 || minute > 59 || seconds > 59)
            return false;
        parts = new Parts(first, second, year, hour, minute, seconds);
        return true;
    }

    /// <summary>Days since 1970-01-01 of a split date read month first or day first; false for a day or month that does not exist.</summary>
    public static bool TryDays(Parts parts, bool monthFirst, out double days)
    {
        var (month, day) = monthFirst ? (parts.First, parts.Second) : (parts.Second, parts.First);
        days = double.NaN;
        if (month is < 1 or > 12 || parts.Year is < 1 or > 9999 || day < 1 || day > DateTime.DaysInMonth(parts.Year, month))
            return false;
        days = DayNumber.From(new DateTimeOffset(parts.Year, month, day, parts.Hour, parts.Minute, parts.Seconds, TimeSpan.Zero));
        return true;
    }

    /// <summary>Parses a date in <paramref name="format"/>; an ISO-8601 date is accepted in any format.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, ValueFormat format, out double days)
    {
        if (FieldParser.TryParseDate(text, out days))
            return true;
        switch (format)
        {
            case ValueFormat.MonthFirst or ValueFormat.DayFirst:
                return TrySplit(text, '/', out var parts) && TryDays(parts, format == ValueFormat.MonthFirst, out days);
            case ValueFormat.DayFirstDots:
                return TrySplit(text, '.', out var dotted) && TryDays(dotted, monthFirst: false, out days);
            case ValueFormat.UnixSeconds or ValueFormat.UnixMilliseconds:
                if (!FieldParser.TryParseNumber(text, out var number))
                    return false;
                days = number / (format == ValueFormat.UnixSeconds ? 86_400 : 86_400_000);
                return true;
            default:
                return false;
        }
    }

    private static bool Expect(ReadOnlySpan<char> text, ref int at, char expected)
    {
        if (at >= text.Length || text[at] != expected)
            return false;
        at++;
        return true;
    }

    private static bool Number(ReadOnlySpan<char> text, ref int at, int minDigits, int maxDigits, out int value) =>
        Number(text, ref at, minDigits, maxDigits, out value, out _);

    private static bool Number(ReadOnlySpan<char> text, ref int at, int minDigits, int maxDigits, out int value, out int digits)
    {
        value = 0;
        digits = 0;
        while (at < text.Length && digits < maxDigits && char.IsAsciiDigit(text[at]))
        {
            value = value * 10 + (text[at++] - '0');
            digits++;
        }
        return digits >= minDigits && (at >= text.Length || !char.IsAsciiDigit(text[at]));
    }
}
