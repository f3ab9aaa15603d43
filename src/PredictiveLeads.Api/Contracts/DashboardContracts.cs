using System.ComponentModel;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Api.Contracts;

/// <summary>
/// Model and rules compared on the same leads with known outcomes (the bundle's test leads, or live ones).
/// A method's Caught[i] is the expected number of positives in its top i·Step leads (the last entry is all leads).
/// </summary>
public sealed record ComparisonResponse(string Source, string Outcome, string ModelVersion, int Leads, int Positives, double? Weeks, DateTime? From, DateTime? To,
    int Step, MethodResult? Model, MethodResult? Rules, RulesAsConfiguredResponse? RulesToday);

/// <summary>One method's ranking and probabilities on those leads.</summary>
public sealed record MethodResult(string Method, double? RocAuc, double? LogLoss, double? Brier, double? ExpectedCalibrationError, IReadOnlyList<double> Caught,
    IReadOnlyList<CurvePointResponse> Roc, IReadOnlyList<CurvePointResponse> Gains, IReadOnlyList<ReliabilityBinResponse> Reliability);

/// <summary>A point of a ROC or gains curve.</summary>
public sealed record CurvePointResponse(double X, double Y);

/// <summary>Predictions in [Low, High): how many, their mean and the rate observed.</summary>
public sealed record ReliabilityBinResponse(double Low, double High, int Rows, double MeanPredicted, double ObservedRate);

/// <summary>What the rules do as configured: hand over every lead at MQL or above.</summary>
public sealed record RulesAsConfiguredResponse(int HandOver, int Caught);

public sealed record DisagreementsResponse(string Source, string Outcome, string ModelVersion, int Leads, IReadOnlyList<DisagreementLead> HiddenGems,
    IReadOnlyList<DisagreementLead> FalseAlarms);

/// <summary>
/// A lead model and rules disagree on. ModelPercentile is the share of the compared leads the model ranks below it;
/// Actual is 1 when the outcome happened, 0 when it did not, null when not known yet.
/// </summary>
public sealed record DisagreementLead(string Id, string? AccountId, double Probability, double ModelPercentile, double? RulePoints, FunnelStage? RuleStage, int? Actual,
    IReadOnlyList<ReasonResponse> Reasons);

/// <summary>Everything known about one lead: its test-lead record if it was one, its explained scores, its logged history.</summary>
public sealed record LeadLookupResponse(string Id, HoldoutLead? Holdout, LeadScoreResponse? Explained, LeadHistoryResponse History);

public sealed record HoldoutLead(string? AccountId, double? RulePoints, FunnelStage? RuleStage, IReadOnlyList<HoldoutLeadOutcome> Outcomes);

public sealed record HoldoutLeadOutcome(string Outcome, double? ModelProbability, double? RulesProbability, int? Actual);

/// <summary>An account's contacts as logged (and as test leads), their roll-up, and the last account scoring's buying-group coverage.</summary>
public sealed record AccountLookupResponse(string AccountId, DateTime? ScoredAt, AccountSummary? LastScoring, IReadOnlyList<AccountContact> Contacts,
    IReadOnlyList<AccountRollup> Rollups);

public sealed record AccountContact(string LeadId, string Source, DateTime? ScoredAt, double? RulePoints, FunnelStage? RuleStage, IReadOnlyDictionary<string, double?> Probabilities);

public sealed record AccountRollup(string Outcome, double Rollup, int Contacts);

/// <summary>The fit × engagement grid of an outcome on the served version's test leads.</summary>
public sealed record FitEngagementGridResponse(
    string Outcome,
    string ModelVersion,
    [property: Description("Fields of the fit sub-model (who the lead is); empty without fit grades")] IReadOnlyList<string> FitFields,
    [property: Description("Fields of the engagement sub-model (what the lead did); empty without engagement grades")] IReadOnlyList<string> EngagementFields,
    [property: Description("Sixteen cells, A1 first, engagement varying fastest: test leads with a known outcome in the cell, how many converted, and the rate; empty when not available")] IReadOnlyList<GridCellResponse> Cells,
    [property: Description("Why there is no grid (the schema declared no fit or engagement fields, or the test leads are not kept); null when there is")] string? Unavailable);

public sealed record GridCellResponse(string Fit, int Engagement, int Leads, int Converted, double? Rate);
