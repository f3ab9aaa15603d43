using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Comparison;

/// <summary>
/// What model and rules are compared on: which of a bundle's outcomes (the one asked for, else the one recording SQL,
/// else the last), and which leads: the version's test leads, or the newest logged scoring of each live lead.
/// </summary>
public static class ComparisonScope
{
    /// <summary>The outcome to compare, or null and why the one asked for cannot be.</summary>
    public static (string? Outcome, string? Problem) Outcome(BundleManifest manifest, string version, string? requested)
    {
        var outcomes = manifest.Outcomes;
        var chosen = requested ?? outcomes.FirstOrDefault(o => o.RecordedStage() == FunnelStage.Sql)?.Label ?? outcomes[^1].Label;
        return outcomes.Any(o => o.Label == chosen)
            ? (chosen, null)
            : (null, $"'{chosen}' is not an outcome of {version}; expected one of {string.Join(", ", outcomes.Select(o => o.Label))}");
    }

    /// <summary>The version's test leads for the outcome, or null and why it has none.</summary>
    public static (ComparedLeads? Leads, string? Problem) Holdout(HoldoutScores? holdout, string outcome, string version) =>
        holdout is not null && holdout.Outcomes.ContainsKey(outcome)
            ? (ComparedLeads.FromHoldout(holdout, outcome), null)
            : (null, $"{version} has no test-lead scores ({HoldoutScores.FileName}); retrain it to compare on its test leads, or use source={ComparedLeads.LiveSource}");

    /// <summary>
    /// Live leads: each lead's newest logged scoring for the outcome, labelled by what was recorded for it,
    /// with the rules' probability from the bundle's map of points to this outcome.
    /// </summary>
    public static ComparedLeads Live(BundleManifest manifest, string outcome, IReadOnlyList<LoggedScore> latest, RecordedOutcomes recorded)
    {
        var served = manifest.Outcomes.First(o => o.Label == outcome);
        var calibration = served.RulesCalibration;
        var stage = served.RecordedStage();
        return ComparedLeads.FromLog(latest, lead => recorded.Label(lead, outcome, stage), calibration is null ? null : calibration.Probability);
    }
}
