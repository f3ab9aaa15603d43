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
    public required string Field { get; init; }
    [JsonPropertyName("equals")]
    public JsonElement? Is { get; init; }
    public IReadOnlyList<JsonElement>? In { get; init; }
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
        if (Is is { } expected)
            return Same(value, expected);
        return In!.Any(option => Same(value, option));
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

    private static bool Same(ParsedValue value, JsonElement expected) => expected.ValueKind switch
    {
        JsonValueKind.Number => Number(value) is { } number && number == expected.GetDouble(),
        JsonValueKind.True => Number(value) == 1,
        JsonValueKind.False => Number(value) == 0,
        // Text against a category compares as text; against a number or boolean, as the number it reads as ("yes" is 1).
        _ => value.Text is { } text
            ? string.Equals(text, expected.ToString(), StringComparison.OrdinalIgnoreCase)
            : Number(expected.ToString()) is { } wanted && Number(value) == wanted,
    };
}
