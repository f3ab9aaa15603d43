using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Scoring.Comparison;

namespace PredictiveLeads.Api.Dashboard;

/// <summary>Maps Scoring's comparison of model and rules to the dashboard's contracts.</summary>
public static class Comparison
{
    public static ComparisonResponse ToResponse(ComparisonSummary summary, string version) =>
        new(summary.Source, summary.Outcome, version, summary.Leads, summary.Positives, summary.Weeks, summary.From, summary.To, summary.Step,
            Method(summary.Model), Method(summary.Rules), summary.RulesToday is { } today ? new RulesAsConfiguredResponse(today.HandOver, today.Caught) : null);

    public static DisagreementLead ToResponse(Disagreement lead) =>
        new(lead.Id, lead.AccountId, lead.Probability, lead.ModelPercentile, lead.RulePoints, lead.RuleStage, lead.Actual, []);

    private static MethodResult? Method(MethodScores? scores) => scores is null ? null : new MethodResult(
        scores.Method, scores.RocAuc, scores.LogLoss, scores.Brier, scores.ExpectedCalibrationError, scores.Caught,
        [.. scores.Roc.Select(p => new CurvePointResponse(p.X, p.Y))],
        [.. scores.Gains.Select(p => new CurvePointResponse(p.X, p.Y))],
        [.. scores.Reliability.Select(b => new ReliabilityBinResponse(b.Low, b.High, b.Rows, b.MeanPredicted, b.ObservedRate))]);
}
