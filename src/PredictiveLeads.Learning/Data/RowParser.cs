using System.Collections.Frozen;

namespace PredictiveLeads.Learning.Data;

/// <summary>
/// Parses rows given as field name → text by the kinds (and number and date formats) their columns had in training,
/// collecting every field that does not fit rather than stopping at the first. A number written another way than the
/// training export's that cannot be mistaken (0.5 where the export wrote 0,5) is read too: each row comes alone, with
/// no column of values to decide from. Fields of no known kind are kept as text. Thread-safe.
/// </summary>
/// <remarks>
/// Values of the known fields go into an array, a slot per field: the rows of one parser share a frozen name → slot
/// table, so every read of a field by the models, rules and warnings is a lookup tuned to those names at build time
/// rather than a fresh dictionary's hashing of the whole name, and parsing fills slots instead of a dictionary.
/// </remarks>
public sealed class RowParser(IReadOnlyDictionary<string, ColumnKind> kinds, IEnumerable<string> missingTokens, IReadOnlyDictionary<string, ValueFormat>? formats = null)
{
    private readonly FieldParser _parser = new(missingTokens);
    private readonly FrozenDictionary<string, int> _slots = kinds.Keys.Select((name, slot) => KeyValuePair.Create(name, slot)).ToFrozenDictionary(StringComparer.Ordinal);
    private readonly ColumnKind[] _kindOf = [.. kinds.Keys.Select(name => kinds[name])];
    private readonly ValueFormat[] _formatOf = [.. kinds.Keys.Select(name => formats?.GetValueOrDefault(name) ?? default)];

    /// <param name="fields">Field name → text.</param>
    /// <param name="plainNumbers">Fields whose text is a number written with a decimal point whatever the column's format, such as JSON numbers.</param>
    public ParsedRow Parse(IReadOnlyDictionary<string, string?> fields, IReadOnlySet<string>? plainNumbers = null)
    {
        var values = new ParsedValue[_slots.Count];
        values.AsSpan().Fill(ParsedValue.Missing);
        Dictionary<string, ParsedValue>? unknown = null;
        List<FieldProblem>? problems = null;
        // A dictionary is walked with its own enumerator: through the interface, every row boxed one.
        if (fields is Dictionary<string, string?> dictionary)
        {
            foreach (var (name, text) in dictionary)
                Read(name, text, plainNumbers, values, ref unknown, ref problems);
        }
        else
        {
            foreach (var (name, text) in fields)
                Read(name, text, plainNumbers, values, ref unknown, ref problems);
        }
        return new ParsedRow(new FieldSlots(_slots, values, unknown), fields, problems ?? (IReadOnlyList<FieldProblem>)[]);
    }

    private void Read(string name, string? text, IReadOnlySet<string>? plainNumbers, ParsedValue[] values, ref Dictionary<string, ParsedValue>? unknown,
        ref List<FieldProblem>? problems)
    {
        if (!_slots.TryGetValue(name, out var slot))
        {
            // Kept even when missing: the row says which fields it had that the parser does not know.
            (unknown ??= new Dictionary<string, ParsedValue>(StringComparer.Ordinal))[name] =
                text is null || _parser.IsMissing(text) ? ParsedValue.Missing : ParsedValue.OfText(text.Trim());
            return;
        }
        if (text is null || _parser.IsMissing(text))
            return;
        var kind = _kindOf[slot];
        var format = _formatOf[slot];
        if (kind == ColumnKind.Numeric && plainNumbers is not null && plainNumbers.Contains(name))
            format = ValueFormat.Standard;
        if (kind == ColumnKind.Categorical)
            values[slot] = ParsedValue.OfText(text.Trim());
        else if (_parser.TryParse(kind, text, out var number, format, lenient: true))
            values[slot] = ParsedValue.OfNumber(kind, number);
        else
            (problems ??= []).Add(new FieldProblem(name, $"expected {FieldParser.Describe(kind, format)}, found '{text}'"));
    }
}
