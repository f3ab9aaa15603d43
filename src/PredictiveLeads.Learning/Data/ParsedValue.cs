using System.Globalization;

namespace PredictiveLeads.Learning.Data;

/// <summary>
/// One field's value, parsed once by the kind its column has: missing, a number (a number, a boolean as 0/1, a
/// date-time as its day number) or text (a category). Everything downstream reads this, never the text again.
/// </summary>
public readonly record struct ParsedValue
{
    private ParsedValue(ColumnKind kind, double number, string? text)
    {
        Kind = kind;
        Number = number;
        Text = text;
    }

    public static readonly ParsedValue Missing = new(ColumnKind.Categorical, double.NaN, null);

    /// <summary>What the value is: a category's text, or one of the number kinds.</summary>
    public ColumnKind Kind { get; }

    /// <summary>The number of a numeric, boolean or date-time value; NaN otherwise.</summary>
    public double Number { get; }

    /// <summary>The text of a categorical value; null otherwise.</summary>
    public string? Text { get; }

    public bool IsMissing => Text is null && double.IsNaN(Number);

    public static ParsedValue OfNumber(ColumnKind kind, double number)
    {
        if (kind == ColumnKind.Categorical)
            throw new ArgumentException("a categorical value is text, not a number", nameof(kind));
        return double.IsNaN(number) ? Missing : new ParsedValue(kind, number, null);
    }

    public static ParsedValue OfText(string text) => new(ColumnKind.Categorical, double.NaN, text);

    /// <summary>The value as a CSV file would hold it ("" when missing); for display only.</summary>
    public override string ToString() =>
        IsMissing ? ""
        : Text ?? (Kind == ColumnKind.DateTime ? DayNumber.Format(Number) : Number.ToString("R", CultureInfo.InvariantCulture));
}
