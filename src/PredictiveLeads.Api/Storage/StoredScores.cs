using PredictiveLeads.Scoring.Comparison;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Api.Storage;

/// <summary>The logged predictions as the domain reads them.</summary>
public static class StoredScores
{
    /// <summary>Of each lead's newest predictions, those of <paramref name="outcome"/> that have a lead id and a probability.</summary>
    public static List<LoggedScore> Scored(this IEnumerable<PredictionRecord> latest, string outcome) =>
    [
        .. latest.Where(p => p.Outcome == outcome && p.LeadId is not null && p.Probability is not null)
            .Select(p => new LoggedScore(p.LeadId!, p.AccountId, p.Time, p.Probability!.Value, p.RulePoints, FunnelStages.Parse(p.RuleStage))),
    ];
}
