using PredictiveLeads.Scoring.Accounts;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Comparison;

/// <summary>One logged probability of a lead of an account, as the prediction log keeps it.</summary>
public sealed record LoggedContactScore(string LeadId, DateTime Time, string Outcome, double? Probability, double? RulePoints, FunnelStage? RuleStage);

/// <summary>A contact of an account: its newest logged scores, or its scores as a test lead of the served version.</summary>
public sealed record KnownContact(string LeadId, string Source, DateTime? ScoredAt, double? RulePoints, FunnelStage? RuleStage, IReadOnlyDictionary<string, double?> Probabilities);

/// <summary>An outcome rolled up over an account's known contacts: the chance that at least one converts.</summary>
public sealed record ContactsRollup(string Outcome, double Rollup, int Contacts);

/// <summary>
/// What is known of an account's contacts: each logged lead with its newest probability of each outcome, then the
/// served version's test leads of the account that have not been logged since.
/// </summary>
public static class AccountContacts
{
    public static IReadOnlyList<KnownContact> Of(string accountId, IEnumerable<LoggedContactScore> logged, HoldoutScores? holdout)
    {
        var contacts = new List<KnownContact>();
        foreach (var lead in logged.GroupBy(p => p.LeadId, StringComparer.Ordinal))
        {
            var newest = lead.MaxBy(p => p.Time)!;
            contacts.Add(new KnownContact(lead.Key, ComparedLeads.LiveSource, newest.Time, newest.RulePoints, newest.RuleStage,
                lead.GroupBy(p => p.Outcome, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Time)!.Probability, StringComparer.Ordinal)));
        }
        if (holdout is null)
            return contacts;
        var logs = contacts.Select(c => c.LeadId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < holdout.Ids.Count; i++)
        {
            if (holdout.Accounts[i] != accountId || logs.Contains(holdout.Ids[i]))
                continue;
            contacts.Add(new KnownContact(holdout.Ids[i], ComparedLeads.HoldoutSource, null, holdout.RulePoints.Count > 0 ? holdout.RulePoints[i] : null,
                holdout.RuleStages.Count > 0 ? holdout.RuleStages[i] : null,
                holdout.Outcomes.ToDictionary(o => o.Key, o => o.Value.Model is { } p ? p[i] : (double?)null, StringComparer.Ordinal)));
        }
        return contacts;
    }

    public static IReadOnlyList<ContactsRollup> Rollups(IEnumerable<string> outcomes, IReadOnlyList<KnownContact> contacts) =>
    [
        .. outcomes.Select(outcome =>
        {
            var probabilities = contacts.Select(c => c.Probabilities.GetValueOrDefault(outcome)).OfType<double>().ToList();
            return new ContactsRollup(outcome, Math.Round(ContactRollup.AnyContact(probabilities), 6), probabilities.Count);
        }),
    ];
}
