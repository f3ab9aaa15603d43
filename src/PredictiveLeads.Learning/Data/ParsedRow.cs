namespace PredictiveLeads.Learning.Data;

/// <summary>A field whose value does not fit its column's kind, and what was expected.</summary>
public sealed record FieldProblem(string Field, string Problem);

/// <summary>
/// A row parsed from field name → text: each value parsed once, the text as given (to show it back), and every
/// field whose value did not fit its kind. A row with problems holds no value for those fields.
/// </summary>
public sealed class ParsedRow(IReadOnlyDictionary<string, ParsedValue> values, IReadOnlyDictionary<string, string?> texts, IReadOnlyList<FieldProblem> problems)
    : IParsedRow
{
    /// <summary>A row of numbers that were never text, such as an account's aggregated contacts; NaN is missing.</summary>
    public static ParsedRow OfNumbers(IReadOnlyDictionary<string, double> numbers) =>
        new(numbers.ToDictionary(n => n.Key, n => ParsedValue.OfNumber(ColumnKind.Numeric, n.Value), StringComparer.Ordinal),
            new Dictionary<string, string?>(), []);

    public ParsedValue this[string column] => values.GetValueOrDefault(column, ParsedValue.Missing);

    /// <summary>The fields as they were given, by name.</summary>
    public IReadOnlyDictionary<string, string?> Texts => texts;

    /// <summary>Every field whose value did not fit its kind; empty when the row is valid.</summary>
    public IReadOnlyList<FieldProblem> Problems => problems;

    public bool IsValid => problems.Count == 0;
}
