namespace PredictiveLeads.Learning.Data;

/// <summary>
/// Parses rows given as field name → text by the kinds (and number and date formats) their columns had in training,
/// collecting every field that does not fit rather than stopping at the first. A number written another way than the
/// training export's that cannot be mistaken (0.5 where the export wrote 0,5) is read too: each row comes alone, with
/// no column of values to decide from. Fields of no known kind are kept as text. Thread-safe.
/// </summary>
public sealed class RowParser(IReadOnlyDictionary<string, ColumnKind> kinds, IEnumerable<string> missingTokens, IReadOnlyDictionary<string, ValueFormat>? formats = null)
{
    private readonly FieldParser _parser = new(missingTokens);
    private readonly IReadOnlyDictionary<string, ValueFormat> _formats = formats ?? new Dictionary<string, ValueFormat>();

    /// <param name="fields">Field name → text.</param>
    /// <param name="plainNumbers">Fields whose text is a number written with a decimal point whatever the column's format, such as JSON numbers.</param>
    public ParsedRow Parse(IReadOnlyDictionary<string, string?> fields, IReadOnlySet<string>? plainNumbers = null)
    {
        var values = new Dictionary<string, ParsedValue>(fields.Count, StringComparer.Ordinal);
        List<FieldProblem>? problems = null;
        foreach (var (name, text) in fields)
        {
            if (text is null || _parser.IsMissing(text))
                continue;
            var kind = kinds.GetValueOrDefault(name, ColumnKind.Categorical);
            var format = _formats.GetValueOrDefault(name);
            if (kind == ColumnKind.Numeric && plainNumbers is not null && plainNumbers.Contains(name))
                format = ValueFormat.Standard;
            if (kind == ColumnKind.Categorical)
                values[name] = ParsedValue.OfText(text.Trim());
            else if (_parser.TryParse(kind, text, out var number, format, lenient: true))
                values[name] = ParsedValue.OfNumber(kind, number);
            else
                (problems ??= []).Add(new FieldProblem(name, $"expected {FieldParser.Describe(kind, format)}, found '{text}'"));
        }
        return new ParsedRow(values, fields, problems ?? (IReadOnlyList<FieldProblem>)[]);
    }
}
