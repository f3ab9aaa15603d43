using System.Globalization;

namespace PredictiveLeads.Learning.Data;

/// <summary>What a number's text says about how it is written: which separators it uses, and whether they can be read two ways.</summary>
internal enum NumberShape
{
    /// <summary>Not a number.</summary>
    None,

    /// <summary>Digits only: 1234.</summary>
    Integer,

    /// <summary>A decimal point that cannot be a thousands dot, or an exponent: 0.5, 12.25, 1e6.</summary>
    Point,

    /// <summary>1.234: a decimal point, or a dot grouping thousands.</summary>
    PointOrGroup,

    /// <summary>Dots grouping thousands: 1.234.567 or 1.234,5.</summary>
    DotGroups,

    /// <summary>A decimal comma that cannot group thousands: 0,687 or 12,5.</summary>
    Comma,

    /// <summary>1,234: a comma grouping thousands, or a decimal comma.</summary>
    CommaOrGroup,

    /// <summary>Commas grouping thousands: 1,234,567 or 1,234.5.</summary>
    CommaGroups,
}

/// <summary>Reads numbers written with a decimal point, a decimal comma, or thousands separators.</summary>
internal static class NumberText
{
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");
    private static readonly System.Buffers.SearchValues<char> NumberChars = System.Buffers.SearchValues.Create("0123456789.,");

    public static NumberShape Shape(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.Length == 0)
            return NumberShape.None;
        // Most fields are plain digits, perhaps with one point: their shape needs no parse (every such text of this length is a finite number).
        var unsignedText = text[0] is '+' or '-' ? text[1..] : text;
        var firstOther = unsignedText.IndexOfAnyExcept(Digits);
        if (firstOther < 0 && unsignedText.Length is > 0 and <= 300)
            return NumberShape.Integer;
        if (firstOther >= 0 && unsignedText[firstOther] == '.' && unsignedText.Length is > 1 and <= 300 && !unsignedText[(firstOther + 1)..].ContainsAnyExcept(Digits))
            return PointShape(unsignedText, firstOther);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (!double.IsFinite(value))
                return NumberShape.None;
            var dot = unsignedText.IndexOfAnyExcept(Digits);
            return dot < 0 ? NumberShape.Integer : PointShape(unsignedText, dot);
        }
        var unsigned = text[0] is '+' or '-' ? text[1..] : text;
        if (unsigned.ContainsAnyExcept(NumberChars))
            return NumberShape.None;
        var lastComma = unsigned.LastIndexOf(',');
        var lastDot = unsigned.LastIndexOf('.');
        if (lastComma > lastDot)
        {
            var whole = unsigned[..lastComma];
            var fraction = unsigned[(lastComma + 1)..];
            if (fraction.Length == 0 || fraction.ContainsAnyExcept(Digits))
                return NumberShape.None;
            if (lastDot >= 0)
                return IsGroupedInteger(whole, '.') ? NumberShape.DotGroups : NumberShape.None;
            if (whole.ContainsAnyExcept(Digits))
                return IsGroupedInteger(unsigned, ',') ? NumberShape.CommaGroups : NumberShape.None;
            return whole.Length is >= 1 and <= 3 && whole[0] != '0' && fraction.Length == 3 ? NumberShape.CommaOrGroup
                : whole.Length >= 1 ? NumberShape.Comma : NumberShape.None;
        }
        if (lastComma >= 0)
        {
            var whole = unsigned[..lastDot];
            var fraction = unsigned[(lastDot + 1)..];
            return fraction.Length > 0 && !fraction.ContainsAnyExcept(Digits) && IsGroupedInteger(whole, ',') ? NumberShape.CommaGroups : NumberShape.None;
        }
        return IsGroupedInteger(unsigned, '.') ? NumberShape.DotGroups : NumberShape.None;
    }

    /// <summary>Whether a shape can be read in a format, and so whether the format fits a column holding it.</summary>
    public static bool Fits(NumberShape shape, ValueFormat format) => (shape, format) switch
    {
        (NumberShape.None, _) => false,
        (NumberShape.Integer, _) => true,
        (NumberShape.Point or NumberShape.PointOrGroup, ValueFormat.Standard or ValueFormat.ThousandsComma) => true,
        (NumberShape.PointOrGroup or NumberShape.DotGroups or NumberShape.Comma or NumberShape.CommaOrGroup, ValueFormat.DecimalComma) => true,
        (NumberShape.CommaOrGroup or NumberShape.CommaGroups, ValueFormat.ThousandsComma) => true,
        _ => false,
    };

    /// <summary>Parses a number written in <paramref name="format"/>; false when its text does not fit the format.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, ValueFormat format, out double value)
    {
        if (format == ValueFormat.Standard)
            return FieldParser.TryParseNumber(text, out value);
        value = double.NaN;
        if (!Fits(Shape(text), format))
            return false;
        Span<char> plain = stackalloc char[text.Length];
        var length = 0;
        foreach (var c in text.Trim())
        {
            if (format == ValueFormat.DecimalComma)
            {
                if (c == '.')
                    continue;
                plain[length++] = c == ',' ? '.' : c;
            }
            else if (c != ',')
            {
                plain[length++] = c;
            }
        }
        return FieldParser.TryParseNumber(plain[..length], out value);
    }

    /// <summary>
    /// Parses a number the column writes in <paramref name="format"/>, or written another way that cannot be mistaken
    /// (0.5 in a decimal-comma column, 0,5 in a plain one): for values sent one at a time, such as to the API.
    /// 1,234 in a plain column could be either, and is refused.
    /// </summary>
    public static bool TryParseLenient(ReadOnlySpan<char> text, ValueFormat format, out double value)
    {
        if (TryParse(text, format, out value))
            return true;
        var shape = Shape(text);
        double? reading = null;
        foreach (var other in (ReadOnlySpan<ValueFormat>)[ValueFormat.Standard, ValueFormat.DecimalComma, ValueFormat.ThousandsComma])
        {
            if (!Fits(shape, other) || !TryParse(text, other, out var read))
                continue;
            if (reading is { } earlier && earlier != read)
                return false;
            reading = read;
        }
        value = reading ?? double.NaN;
        return reading is not null;
    }

    /// <summary>1 to 3 digits (not a leading zero unless alone), then groups of exactly three after each separator.</summary>
    /// <summary>A parsed number's shape with a non-digit at <paramref name="dot"/>: 1.234 is the only shape a thousands dot could take (one to three digits, no leading zero, a dot, three digits).</summary>
    private static NumberShape PointShape(ReadOnlySpan<char> digits, int dot) =>
        dot is >= 1 and <= 3 && digits[dot] == '.' && digits.Length == dot + 4 && digits[0] != '0' && !digits[(dot + 1)..].ContainsAnyExcept(Digits)
            ? NumberShape.PointOrGroup : NumberShape.Point;

    private static bool IsGroupedInteger(ReadOnlySpan<char> text, char separator)
    {
        var groups = 0;
        var first = true;
        foreach (var range in text.Split(separator))
        {
            var group = text[range];
            if (group.Length == 0 || group.ContainsAnyExcept(Digits))
                return false;
            if (first ? group.Length > 3 || (group[0] == '0' && text.IndexOf(separator) >= 0) : group.Length != 3)
                return false;
            first = false;
            groups++;
        }
        return groups >= 2;
    }
}
