using System.Text.Json;
using System.Text.Json.Serialization;
using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Rules;

/// <summary>
/// A test on one field, with exactly one operator: <c>equals</c>, <c>in</c>, <c>between</c> [min, max],
/// <c>atLeast</c>, <c>present</c> or <c>contains</c>. Text compares ignoring case; numbers compare as
/// numbers, and yes/true read as 1, no/false as 0. A missing value matches only <c>present: false</c>.
/// </summary>
public sealed record RuleCondition
{
    private readonly JsonElement? _is;
    private readonly IReadOnlyList<JsonElement>? _in;

    /// <summary>The values of <c>equals</c> or <c>in</c>, read once when set rather than from JSON at every match.</summary>
    private readonly Expected[] _expected = [];

    public required string Field { get; init; }

    [JsonPropertyName("equals")]
    public JsonElement? Is
    {
        get => _is;
        init
        {
            _is = value;
            _expected = Expected.Of(_is, _in);
        }
    }

    public IReadOnlyList<JsonElement>? In
    {
        get => _in;
        init
        {
            _in = value;
            _expected = Expected.Of(_is, _in);
        }
    }

    public IReadOnlyList<double>? Between { get; init; }
    public double? AtLeast { get; init; }
    public bool? Present { get; init; }
    public string? Contains { get; init; }

    /// <summary>Throws with a message naming the field when the condition is not exactly one valid test.</summary>
    public void Validate(string where)
    {
        var operators = new object?[] { Is, In, Between, AtLeast, Present, Contains }.Count(o => o is not null);
        if (operators != 1)
            throw new DataFormatException($"{where}: the condition on '{Field}' must have exactly one of equals, in, between, atLeast, present, contains (it has {operators})");
        if (Between is { Count: not 2 } || Between is [var low, var high] && low > high)
            throw new DataFormatException($"{where}: 'between' on '{Field}' must be [min, max] with min <= max");
        if (_expected.Any(e => e.Kind == JsonValueKind.Number && !double.IsFinite(e.Number ?? double.NaN)))
            throw new DataFormatException($"{where}: a number in 'equals' or 'in' on '{Field}' is beyond the range of a double");
    }

    public bool Matches(IParsedRow lead)
    {
        var value = lead[Field];
        if (Present is { } present)
            return present != value.IsMissing;
        if (value.IsMissing)
            return false;
        if (Contains is { } part)
            return value.ToString().Contains(part, StringComparison.OrdinalIgnoreCase);
        if (AtLeast is { } minimum)
            return Number(value) is { } number && number >= minimum;
        if (Between is [var low, var high])
            return Number(value) is { } inRange && inRange >= low && inRange <= high;
        foreach (var expected in _expected)
        {
            if (Same(value, expected))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The value as a number, or null: numbers and booleans (1/0) as they are, text that reads as one (a field the
    /// models do not type, such as one only the rules use). A date is not a number to the rules.
    /// </summary>
    public static double? Number(ParsedValue value) => value switch
    {
        { IsMissing: true } or { Kind: ColumnKind.DateTime } => null,
        { Text: { } text } => Number(text),
        _ => value.Number,
    };

    private static double? Number(string text) =>
        FieldParser.TryParseNumber(text, out var number) ? number
        : FieldParser.TryParseBoolean(text, out var flag) ? flag
        : null;

    private static bool Same(ParsedValue value, Expected expected) => expected.Kind switch
    {
        JsonValueKind.Number => Number(value) is { } number && number == expected.Number,
        JsonValueKind.True => Number(value) == 1,
        JsonValueKind.False => Number(value) == 0,
        // Text against a category compares as text; against a number or boolean, as the number it reads as ("yes" is 1).
        _ => value.Text is { } text
            ? string.Equals(text, expected.Text, StringComparison.OrdinalIgnoreCase)
            : expected.Number is { } wanted && Number(value) == wanted,
    };

    /// <summary>A value to compare with: its JSON kind, its text, and the number it is or reads as (null when none).</summary>
    private readonly record struct Expected(JsonValueKind Kind, string Text, double? Number)
    {
        /// <summary>The values of whichever of <c>equals</c> and <c>in</c> is set (a file may write the other as null, before or after it).</summary>
        public static Expected[] Of(JsonElement? one, IReadOnlyList<JsonElement>? options) =>
            one is { } value ? [Of(value)] : [.. (options ?? []).Select(Of)];

        public static Expected Of(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Number)
                return new(element.ValueKind, element.GetRawText(), element.TryGetDouble(out var number) ? number : null);
            var text = element.ToString();
            return new(element.ValueKind, text, RuleCondition.Number(text));
        }
    }
}
