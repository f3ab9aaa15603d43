using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Comparison;

/// <summary>The newest logged scoring of one lead for one outcome, as the prediction log keeps it.</summary>
public sealed record LoggedScore(string LeadId, string? AccountId, DateTime Time, double Probability, double? RulePoints, FunnelStage? RuleStage);

/// <summary>
/// Leads scored by both methods for one outcome, with what happened where known: a bundle's test leads, or the
/// newest logged prediction of each live lead joined with its recorded outcomes.
/// </summary>
public sealed record ComparedLeads(string Source, IReadOnlyList<string> Ids, IReadOnlyList<string?> Accounts, IReadOnlyList<int?> Actual,
    IReadOnlyList<double>? Model, IReadOnlyList<double>? Rules, IReadOnlyList<double>? RulePoints, IReadOnlyList<FunnelStage>? RuleStages, DateTime? From, DateTime? To)
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

    /// <summary>
    /// The newest logged prediction of each lead for an outcome, with its label where known (<paramref name="label"/>);
    /// rules probabilities come from the bundle's map of points to it, when it has rules.
    /// </summary>
    public static ComparedLeads FromLog(IReadOnlyList<LoggedScore> latest, Func<string, int?> label, Func<double, double>? rulesProbability)
    {
        var hasRules = rulesProbability is not null && latest.All(p => p.RulePoints is not null && p.RuleStage is not null);
        return new ComparedLeads(LiveSource,
            [.. latest.Select(p => p.LeadId)],
            [.. latest.Select(p => p.AccountId)],
            [.. latest.Select(p => label(p.LeadId))],
            [.. latest.Select(p => p.Probability)],
            hasRules ? [.. latest.Select(p => rulesProbability!(p.RulePoints!.Value))] : null,
            hasRules ? [.. latest.Select(p => p.RulePoints!.Value)] : null,
            hasRules ? [.. latest.Select(p => p.RuleStage!.Value)] : null,
            latest.Count > 0 ? latest.Min(p => p.Time) : null,
            latest.Count > 0 ? latest.Max(p => p.Time) : null);
    }
}
