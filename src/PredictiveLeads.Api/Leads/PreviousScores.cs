using PredictiveLeads.Scoring.Live;

namespace PredictiveLeads.Api.Leads;

/// <summary>The previous scoring of each lead a request scores, per outcome (see <see cref="ScoringMemory"/>), to say what changed.</summary>
/// <remarks>A lead's scores may be the memory's own (shared, never changed): a scoring made in the request replaces them with a new set.</remarks>
/// <param name="byLead">Lead id → outcome → its previous scoring.</param>
/// <param name="unreadable">Why the log could not be read, if it could not.</param>
/// <param name="oneItem">Whether the request scores a single item, so no later item needs what it scores.</param>
public sealed class PreviousScores(Dictionary<string, IReadOnlyDictionary<string, PreviousScore>> byLead, string? unreadable, bool oneItem = false)
{
    /// <summary>Why the log could not be read (the changes are then missing); null when it was.</summary>
    public string? Unreadable => unreadable;

    public IReadOnlyDictionary<string, PreviousScore>? Of(string? leadId) => leadId is not null && byLead.TryGetValue(leadId, out var scores) ? scores : null;

    /// <summary>Notes a scoring just made, so that a later item of the same request compares with it.</summary>
    public void Scored(string? leadId, IReadOnlyList<(string Outcome, PreviousScore Score)> scores)
    {
        if (leadId is null || oneItem)
            return;
        var outcomes = byLead.TryGetValue(leadId, out var known)
            ? new Dictionary<string, PreviousScore>(known, StringComparer.Ordinal)
            : new Dictionary<string, PreviousScore>(StringComparer.Ordinal);
        foreach (var (outcome, score) in scores)
            outcomes[outcome] = score;
        byLead[leadId] = outcomes;
    }
}
