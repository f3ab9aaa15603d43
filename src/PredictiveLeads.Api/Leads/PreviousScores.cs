using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Live;
using PredictiveLeads.Scoring.Recording;

namespace PredictiveLeads.Api.Leads;

/// <summary>
/// The previous scoring of each lead a request scores, per outcome, to say what changed: the newer of this instance's
/// queued, not yet written prediction and the log's newest. A scoring made on another instance within its last
/// gathering (50 ms) is not seen yet.
/// </summary>
public sealed class PreviousScores(Dictionary<string, Dictionary<string, PreviousScore>> byLead, string? unreadable)
{
    /// <summary>Why the log could not be read (the changes are then missing); null when it was.</summary>
    public string? Unreadable => unreadable;

    public IReadOnlyDictionary<string, PreviousScore>? Of(string? leadId) => leadId is not null && byLead.TryGetValue(leadId, out var scores) ? scores : null;

    /// <summary>Remembers a scoring just made, so a later item of the same request compares with it.</summary>
    public void Scored(string? leadId, IReadOnlyList<(string Outcome, PreviousScore Score)> scores)
    {
        if (leadId is null)
            return;
        if (!byLead.TryGetValue(leadId, out var outcomes))
            byLead[leadId] = outcomes = new Dictionary<string, PreviousScore>(StringComparer.Ordinal);
        foreach (var (outcome, score) in scores)
            outcomes[outcome] = score;
    }

    public static async Task<PreviousScores> ReadAsync(IEnumerable<string?> leadIds, IReadOnlyList<string> outcomes, IPredictionStore store, PredictionLog log,
        CancellationToken cancellation)
    {
        var ids = leadIds.OfType<string>().Where(id => StoredText.IdProblem(id) is null).Distinct(StringComparer.Ordinal).ToList();
        var byLead = new Dictionary<string, Dictionary<string, PreviousScore>>(StringComparer.Ordinal);
        if (ids.Count == 0)
            return new PreviousScores(byLead, null);
        string? unreadable = null;
        try
        {
            foreach (var stored in await store.NewestScoresAsync(ids, cancellation))
                Keep(byLead, stored.LeadId, stored.Outcome, new PreviousScore(stored.Probability, stored.Time, stored.ModelVersion, LoggedReasons.Contributions(stored.Reasons)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            unreadable = $"the previous scorings could not be read from the prediction log ({e.Message}), so no change is given";
        }
        foreach (var id in ids)
        {
            foreach (var outcome in outcomes)
            {
                if (log.Unwritten(id, outcome) is { } queued)
                    Keep(byLead, id, outcome, new PreviousScore(queued.Probability, queued.Time, queued.ModelVersion, LoggedReasons.Contributions(queued.Reasons)));
            }
        }
        return new PreviousScores(byLead, unreadable);
    }

    /// <summary>Keeps the newer of two scorings; on a tie the one seen last (this instance's queued one).</summary>
    private static void Keep(Dictionary<string, Dictionary<string, PreviousScore>> byLead, string leadId, string outcome, PreviousScore score)
    {
        if (!byLead.TryGetValue(leadId, out var outcomes))
            byLead[leadId] = outcomes = new Dictionary<string, PreviousScore>(StringComparer.Ordinal);
        if (!outcomes.TryGetValue(outcome, out var known) || known.Time <= score.Time)
            outcomes[outcome] = score;
    }
}
