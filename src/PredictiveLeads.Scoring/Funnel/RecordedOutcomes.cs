namespace PredictiveLeads.Scoring.Funnel;

/// <summary>
/// What is known about leads' outcomes from what was recorded: funnel stages reached ("SQL", "Lost"…) and outcomes
/// recorded in a bundle's own terms ("Converted" = yes). A lead is labelled for an outcome by its own record when
/// there is one (a yes wins over a no), else by its furthest stage when the outcome records a funnel stage
/// (see <see cref="FunnelLabels"/>); otherwise its outcome is not known.
/// </summary>
public sealed class RecordedOutcomes
{
    private const string OutcomePrefix = "outcome:";
    private readonly Dictionary<string, FunnelStage> _furthest;
    private readonly Dictionary<(string LeadId, string Outcome), int> _values = [];

    private RecordedOutcomes(Dictionary<string, FunnelStage> furthest) => _furthest = furthest;

    /// <summary>How an outcome recorded by name is stored in the outcome log's stage column: "outcome:Converted=1".</summary>
    public static string StoredText(string outcome, bool value) => $"{OutcomePrefix}{outcome}={(value ? 1 : 0)}";

    /// <summary>The outcome and value of a stored text written by <see cref="StoredText"/>; null for a funnel stage.</summary>
    public static (string Outcome, bool Value)? ParseStored(string text) =>
        text.StartsWith(OutcomePrefix, StringComparison.Ordinal) && text.Length > OutcomePrefix.Length + 2 && text[^2] == '=' && text[^1] is '0' or '1'
            ? (text[OutcomePrefix.Length..^2], text[^1] == '1')
            : null;

    /// <summary>From stored records: each lead's id and the stage column's text.</summary>
    public static RecordedOutcomes From(IEnumerable<(string LeadId, string Stored)> records)
    {
        var stages = new List<(string, FunnelStage)>();
        var byName = new List<(string LeadId, string Outcome, bool Value)>();
        foreach (var (leadId, stored) in records)
        {
            if (ParseStored(stored) is { } named)
                byName.Add((leadId, named.Outcome, named.Value));
            else
                stages.Add((leadId, FunnelStages.Parse(stored) ?? FunnelStage.Lead));
        }
        var recorded = new RecordedOutcomes(FunnelLabels.FurthestStage(stages));
        foreach (var (leadId, outcome, value) in byName)
            recorded._values[(leadId, outcome)] = Math.Max(recorded._values.GetValueOrDefault((leadId, outcome)), value ? 1 : 0);
        return recorded;
    }

    /// <summary>From funnel stages only.</summary>
    public static RecordedOutcomes FromStages(IReadOnlyDictionary<string, FunnelStage> furthest) => new(new Dictionary<string, FunnelStage>(furthest, StringComparer.Ordinal));

    /// <summary>1 or 0 when the lead's outcome <paramref name="outcome"/> (recording <paramref name="stage"/>, if any) is known; null otherwise.</summary>
    public int? Label(string leadId, string outcome, FunnelStage? stage)
    {
        if (_values.TryGetValue((leadId, outcome), out var value))
            return value;
        return stage is { } reached && _furthest.TryGetValue(leadId, out var furthest) ? FunnelLabels.Label(reached, furthest) : null;
    }
}
