using PredictiveLeads.Api.Api;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Monitoring;

namespace PredictiveLeads.Api.Dashboard;

/// <summary>
/// Leads scored by both methods for one outcome, with what happened where known: a bundle's test leads, or the
/// newest logged prediction of each live lead joined with its recorded outcomes.
/// </summary>
public sealed record ComparedLeads(string Source, IReadOnlyList<string> Ids, IReadOnlyList<string?> Accounts, IReadOnlyList<int?> Actual,
    IReadOnlyList<double>? Model, IReadOnlyList<double>? Rules, IReadOnlyList<double>? RulePoints, IReadOnlyList<string>? RuleStages, DateTime? From, DateTime? To)
{
    public const string HoldoutSource = "holdout";
    public const string LiveSource = "live";

    public int Count => Ids.Count;

    /// <summary>Weeks the leads span, at least one: a capacity per week cannot be spread over less than a week of leads.</summary>
    public double? Weeks => From is { } from && To is { } to && to > from ? Math.Max(1, (to - from).TotalDays / 7) : null;

    public static ComparedLeads FromHoldout(HoldoutScores holdout, string outcome)
    {
        var scores = holdout.Outcomes[outcome];
        return new ComparedLeads(HoldoutSource, holdout.Ids, holdout.Accounts, scores.Actual, scores.Model, scores.Rules,
            holdout.RulePoints.Count > 0 ? holdout.RulePoints : null, holdout.RuleStages.Count > 0 ? holdout.RuleStages : null, holdout.From, holdout.To);
    }

    /// <summary>The newest logged prediction of each lead; rules probabilities come from the bundle's map of points to this outcome, when it has rules.</summary>
    public static ComparedLeads FromLog(IReadOnlyList<PredictionRecord> latest, IReadOnlyDictionary<string, int> furthestStage, string outcome,
        Func<double, double>? rulesProbability)
    {
        var rows = latest.Where(p => p.Outcome == outcome && p.LeadId is not null && p.Probability is not null).ToList();
        var hasRules = rulesProbability is not null && rows.All(p => p.RulePoints is not null && p.RuleStage is not null);
        return new ComparedLeads(LiveSource,
            [.. rows.Select(p => p.LeadId!)],
            [.. rows.Select(p => p.AccountId)],
            [.. rows.Select(p => furthestStage.TryGetValue(p.LeadId!, out var stage) ? (int?)(int)FunnelLabels.Label(outcome, stage) : null)],
            [.. rows.Select(p => p.Probability!.Value)],
            hasRules ? [.. rows.Select(p => rulesProbability!(p.RulePoints!.Value))] : null,
            hasRules ? [.. rows.Select(p => p.RulePoints!.Value)] : null,
            hasRules ? [.. rows.Select(p => p.RuleStage!)] : null,
            rows.Count > 0 ? rows.Min(p => p.Time) : null,
            rows.Count > 0 ? rows.Max(p => p.Time) : null);
    }
}
