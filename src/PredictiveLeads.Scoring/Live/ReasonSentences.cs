using System.Globalization;

namespace PredictiveLeads.Scoring.Live;

/// <summary>The one way a reason is put into words, for a lead scored now and for one read back from the prediction log.</summary>
public static class ReasonSentences
{
    /// <summary>
    /// "industry is Software, which raises the chance of became_sql (+0.42 log-odds)"; "industry is unknown, …" when the
    /// lead had no value; "industry raises the chance …" when the value is not known here (the log keeps no values).
    /// </summary>
    public static string For(string outcome, string field, double contribution, FieldValue value)
    {
        var direction = contribution > 0 ? "raises" : "lowers";
        var effect = string.Create(CultureInfo.InvariantCulture, $"the chance of {outcome} ({contribution:+0.00;-0.00} log-odds)");
        return value.State switch
        {
            FieldValueState.Shown => $"{field} is {value.Text}, which {direction} {effect}",
            FieldValueState.Missing => $"{field} is unknown, which {direction} {effect}",
            _ => $"{field} {direction} {effect}",
        };
    }
}

/// <summary>What is known of the value behind a reason.</summary>
public readonly record struct FieldValue(FieldValueState State, string? Text)
{
    public static FieldValue Shown(string text) => new(FieldValueState.Shown, text);

    public static readonly FieldValue Missing = new(FieldValueState.Missing, null);

    /// <summary>The value is not known where the sentence is written (a logged reason keeps only the field).</summary>
    public static readonly FieldValue NotKept = new(FieldValueState.NotKept, null);
}

public enum FieldValueState
{
    Shown,
    Missing,
    NotKept,
}
