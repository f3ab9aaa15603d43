using System.Collections.Frozen;

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
    private readonly FieldSlots? _slots;

    /// <summary>A row whose known fields sit in <paramref name="slots"/> (see <see cref="RowParser"/>).</summary>
    internal ParsedRow(FieldSlots slots, IReadOnlyDictionary<string, string?> texts, IReadOnlyList<FieldProblem> problems)
        : this(FrozenDictionary<string, ParsedValue>.Empty, texts, problems) => _slots = slots;

    /// <summary>A row of numbers that were never text, such as an account's aggregated contacts; NaN is missing.</summary>
    public static ParsedRow OfNumbers(IReadOnlyDictionary<string, double> numbers) =>
        new(numbers.ToDictionary(n => n.Key, n => ParsedValue.OfNumber(ColumnKind.Numeric, n.Value), StringComparer.Ordinal),
            new Dictionary<string, string?>(), []);

    /// <summary>The known fields' slots when the row came from a <see cref="RowParser"/>; null otherwise.</summary>
    internal FieldSlots? Slots => _slots;

    public ParsedValue this[string column] => _slots is { } slots ? slots[column] : values.GetValueOrDefault(column, ParsedValue.Missing);

    /// <summary>The fields as they were given, by name.</summary>
    public IReadOnlyDictionary<string, string?> Texts => texts;

    /// <summary>
    /// The given fields that the parser had no kind for (all of them when the row did not come from a <see cref="RowParser"/>):
    /// checking these alone for fields nobody reads skips the many the parser knows.
    /// </summary>
    public IEnumerable<string> FieldsWithoutKind => _slots is { } slots ? slots.OtherNames : texts.Keys;

    /// <summary>Every field whose value did not fit its kind; empty when the row is valid.</summary>
    public IReadOnlyList<FieldProblem> Problems => problems;

    public bool IsValid => problems.Count == 0;
}

/// <summary>A parsed row's values: the known fields' in their slots, any other field's (kept as text) by name.</summary>
internal sealed class FieldSlots(FrozenDictionary<string, int> slotOf, ParsedValue[] values, Dictionary<string, ParsedValue>? others)
{
    /// <summary>Field name → slot, shared by every row of one parser: a reader may work out its fields' slots once per table.</summary>
    public FrozenDictionary<string, int> Table => slotOf;

    public ParsedValue this[string field] => slotOf.TryGetValue(field, out var slot) ? values[slot] : Other(field);

    public ParsedValue this[int slot] => values[slot];

    /// <summary>The fields given that have no slot, with a value or missing.</summary>
    public IEnumerable<string> OtherNames => others?.Keys ?? (IEnumerable<string>)[];

    /// <summary>The value of a field that has no slot (kept as text), or missing.</summary>
    public ParsedValue Other(string field) => others?.GetValueOrDefault(field, ParsedValue.Missing) ?? ParsedValue.Missing;
}
