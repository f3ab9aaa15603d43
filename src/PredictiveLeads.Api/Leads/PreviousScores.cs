using PredictiveLeads.Scoring.Live;

namespace PredictiveLeads.Api.Leads;

/// <summary>The previous scoring of each lead a request scores, per outcome (see <see cref="ScoringMemory"/>), to say what changed.</summary>
public sealed class PreviousScores(Dictionary<string, Dictionary<string, PreviousScore>> byLead, string? unreadable)
{
    /// <summary>Why the log could not be read (the changes are then missing); null when it was.</summary>
    public string? Unreadable => unreadable;

    public IReadOnlyDictionary<string, PreviousScore>? Of(string? leadId) => leadId is not null && byLead.TryGetValue(leadId, out var scores) ? scores : null;

    /// <summary>Notes a scoring just made, so that a later item of the same request compares with it.</summary>
    public void Scored(string? leadId, IReadOnlyList<(string Outcome, PreviousScore Score)> scores)
    {
        if (leadId is null)
            return;
        if (!byLead.TryGetValue(leadId, out var outcomes))
            byLead[leadId] = outcomes = new Dictionary<string, PreviousScore>(StringComparer.Ordinal);
        foreach (var (outcome, score) in scores)
            outcomes[outcome] = score;
    }
}
