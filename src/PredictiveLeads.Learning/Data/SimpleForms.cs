namespace PredictiveLeads.Learning.Data;

/// <summary>
/// The forms most fields take, read without the general parsers, which cost several times more per value (a scoring
/// request or an export row has dozens of values): plain decimals of at most 15 digits, and the ISO-8601 date shapes
/// without fractions or offsets. Each gives exactly what the general parser gives, or declines and leaves the text to it.
/// </summary>
internal static class SimpleForms
{
    /// <summary>Fifteen digits stay below 2^53, so they read as an integer are an exact double.</summary>
    private const int MostDigits = 15;

    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// [+|-]digits[.digits] with at most 15 digits, trimmed. Its digits as an integer and the power of ten of its fraction
    /// are both exact doubles, so their quotient is rounded once, correctly, as the general parser rounds the decimal.
    /// </summary>
    public static bool TryDecimal(ReadOnlySpan<char> text, out double value)
    {
        value = double.NaN;
        var at = 0;
        var negative = false;
        if (text.Length > 0 && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            at = 1;
        }
        long digits = 0;
        var count = 0;
        var point = -1;
        for (; at < text.Length; at++)
        {
            var c = text[at];
            if (char.IsAsciiDigit(c))
            {
                if (++count > MostDigits)
                    return false;
                digits = digits * 10 + (c - '0');
            }
            else if (c == '.' && point < 0)
            {
                point = count;
            }
            else
            {
                return false;
            }
        }
        if (count == 0)
            return false;
        var magnitude = point < 0 ? digits : digits / PowersOfTen[count - point];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>
    /// yyyy-MM-dd, alone or followed by a space or T and HH:mm or HH:mm:ss, trimmed, as days since 1970-01-01 UTC; a date
    /// or time that does not exist is declined (the general parser refuses it too).
    /// </summary>
    public static bool TryIsoDate(ReadOnlySpan<char> text, out double days)
    {
        days = double.NaN;
        if (text.Length is not (10 or 16 or 19) || text[4] != '-' || text[7] != '-')
            return false;
        int year = Digits(text.Slice(0, 4)), month = Digits(text.Slice(5, 2)), day = Digits(text.Slice(8, 2));
        int hour = 0, minute = 0, second = 0;
        if (text.Length > 10)
        {
            if (text[10] is not (' ' or 'T') || text[13] != ':' || text.Length == 19 && text[16] != ':')
                return false;
            hour = Digits(text.Slice(11, 2));
            minute = Digits(text.Slice(14, 2));
            second = text.Length == 19 ? Digits(text.Slice(17, 2)) : 0;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
            return false;
        days = DayNumber.From(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero));
        return true;
    }

    /// <summary>The number the ASCII digits write; -1 when any is not a digit.</summary>
    private static int Digits(ReadOnlySpan<char> text)
    {
        var value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
