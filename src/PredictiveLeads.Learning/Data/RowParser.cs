namespace PredictiveLeads.Learning.Data;

/// <summary>
/// Parses rows given as field name → text by the kinds their columns had in training, collecting every field that
/// does not fit rather than stopping at the first. Fields of no known kind are kept as text. Thread-safe.
/// </summary>
public sealed class RowParser(IReadOnlyDictionary<string, ColumnKind> kinds, IEnumerable<string> missingTokens)
{
    private readonly FieldParser _parser = new(missingTokens);

    public ParsedRow Parse(IReadOnlyDictionary<string, string?> fields)
    {
        var values = new Dictionary<string, ParsedValue>(fields.Count, StringComparer.Ordinal);
        List<FieldProblem>? problems = null;
        foreach (var (name, text) in fields)
        {
            if (text is null || _parser.IsMissing(text))
                continue;
            var kind = kinds.GetValueOrDefault(name, ColumnKind.Categorical);
            if (kind == ColumnKind.Categorical)
                values[name] = ParsedValue.OfText(text.Trim());
            else if (_parser.TryParse(kind, text, out var number))
                values[name] = ParsedValue.OfNumber(kind, number);
            else
                (problems ??= []).Add(new FieldProblem(name, $"expected {FieldParser.Describe(kind)}, found '{text}'"));
        }
        return new ParsedRow(values, fields, problems ?? (IReadOnlyList<FieldProblem>)[]);
    }
}
