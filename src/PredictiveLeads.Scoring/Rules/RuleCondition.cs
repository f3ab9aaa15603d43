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

    public bool Matches(IFieldSource lead)
    {
        var text = lead.Text(Field);
        if (Present is { } present)
            return present == (text is not null);
        if (text is null)
            return false;
        if (Contains is { } part)
            return text.Contains(part, StringComparison.OrdinalIgnoreCase);
        if (AtLeast is { } minimum)
            return Number(text) is { } value && value >= minimum;
        if (Between is [var low, var high])
            return Number(text) is { } value && value >= low && value <= high;
        if (Is is { } expected)
            return Same(text, expected);
        return In!.Any(option => Same(text, option));
    }

    /// <summary>The field as a number (booleans as 0/1), or null.</summary>
    public static double? Number(string text) =>
        FieldParser.TryParseNumber(text, out var number) ? number
        : FieldParser.TryParseBoolean(text, out var flag) ? flag
        : null;

    private static bool Same(string text, JsonElement expected) => expected.ValueKind switch
    {
        JsonValueKind.Number => Number(text) is { } value && value == expected.GetDouble(),
        JsonValueKind.True => Number(text) == 1,
        JsonValueKind.False => Number(text) == 0,
        _ => string.Equals(text, expected.ToString(), StringComparison.OrdinalIgnoreCase),
    };
}
