namespace PredictiveLeads.Learning.Data;

/// <summary>
/// Watches every non-missing value of one column and keeps the narrowest kind that fits them all:
/// boolean, then numeric, then date/time, else categorical.
/// </summary>
internal sealed class KindInference
{
    private bool _canBeBoolean = true;
    private bool _canBeNumber = true;
    private bool _canBeDate = true;

    public long NonMissingCount { get; private set; }

    public void Observe(ReadOnlySpan<char> field)
    {
        NonMissingCount++;
        if (_canBeBoolean)
            _canBeBoolean = FieldParser.TryParseBoolean(field, out _);
        if (_canBeNumber)
            _canBeNumber = FieldParser.TryParseNumber(field, out _);
        if (_canBeDate)
            _canBeDate = FieldParser.TryParseDate(field, out _);
    }

    public ColumnKind Result =>
        NonMissingCount == 0 ? ColumnKind.Numeric
        : _canBeBoolean ? ColumnKind.Boolean
        : _canBeNumber ? ColumnKind.Numeric
        : _canBeDate ? ColumnKind.DateTime
        : ColumnKind.Categorical;
}
