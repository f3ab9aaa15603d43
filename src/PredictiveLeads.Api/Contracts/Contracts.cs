using System.ComponentModel;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Api.Contracts;

/// <summary>A lead to score.</summary>
/// <param name="Id">The CRM lead id; logged with the prediction and used for history.</param>
/// <param name="AccountId">The lead's account (company) id.</param>
/// <param name="Fields">Field name (as in the training export) → value: a number, text, true/false or null.</param>
public sealed record LeadScoreRequest(
    [property: Description("CRM lead id")] string? Id,
    [property: Description("Account (company) id")] string? AccountId,
    [property: Description("Training-export field name → value (number, text, true/false or null)")] LeadFieldValues? Fields);

/// <summary>Leads to score in one call, answered in the same order.</summary>
public sealed record LeadBatchRequest([property: Description("The leads, at most the configured batch limit")] List<LeadScoreRequest>? Leads);

/// <summary>An account and its contacts.</summary>
public sealed record AccountScoreRequest(
    [property: Description("Account (company) id")] string? AccountId,
    [property: Description("The account's contacts (leads)")] List<LeadScoreRequest>? Contacts);

/// <summary>What really happened to a lead.</summary>
public sealed record OutcomeRequest(
    [property: Description("CRM lead id")] string? LeadId,
    [property: Description("Stage reached: MQL, SQL, Opportunity, Won, Lost or Disqualified. Or leave it out and give outcome and value")] string? Stage,
    [property: Description("One of the served model's outcomes by name (e.g. Converted), instead of a stage; the model card lists them")] string? Outcome,
    [property: Description("With outcome: true when the lead reached it, false when it closed without")] bool? Value,
    [property: Description("When the stage was reached (ISO-8601); now when omitted")] DateTime? ReachedAt,
    [property: Description("Why the lead was disqualified, if it was")] string? DisqualificationReason);

public sealed record ReasonResponse(string Field, string? Value, double Contribution, string Sentence);

public sealed record OutcomeScoreResponse(
    string Outcome,
    [property: Description("Calibrated probability, or null when the outcome could not be scored")] double? Probability,
    [property: Description("A (most likely) to D by the configured cut-offs")] string Grade,
    [property: Description("model, or rules when the outcome had too little training data")] string Source,
    IReadOnlyList<ReasonResponse> PositiveReasons,
    IReadOnlyList<ReasonResponse> NegativeReasons,
    [property: Description("Set when the outcome is served through an earlier one of the funnel: the probability is P(that outcome) × P(this outcome | that outcome), never above the earlier one's, and the reasons explain the second factor")] string? ConditionalOn = null,
    [property: Description("Fit grade A (best quarter of the held-out leads) to D from a model of who the lead is (the schema's fit fields); null when the model has no fit grades")] string? FitGrade = null,
    [property: Description("Engagement grade 1 (best quarter of the held-out leads) to 4 from a model of what the lead did (the schema's engagement fields); null when the model has no engagement grades")] int? EngagementGrade = null,
    [property: Description("Since the previous scoring of the same lead id (this instance's or any logged one): the probability's difference and the fields that moved it; null for a lead's first scoring or a request without id")] ScoreChangeResponse? Change = null);

public sealed record RuleHitResponse(string Rule, double Points);

public sealed record RulesResponse(double Points, FunnelStage Stage, IReadOnlyList<RuleHitResponse> Hits);

public sealed record LeadScoreResponse(
    string ModelVersion,
    string? Id,
    string? AccountId,
    IReadOnlyList<OutcomeScoreResponse> Outcomes,
    RulesResponse? Rules,
    IReadOnlyList<string> Warnings);

public sealed record BatchItemError(string Title, IDictionary<string, string[]> Errors);

public sealed record BatchItemResponse(int Index, string? Id, LeadScoreResponse? Score, BatchItemError? Error);

public sealed record LeadBatchResponse(string ModelVersion, int Scored, int Failed, IReadOnlyList<BatchItemResponse> Results);

public sealed record AccountOutcomeResponse(string Outcome, double? AccountProbability, double Rollup, string Grade);

public sealed record CoverageResponse(string Field, IReadOnlyList<string> Present, IReadOnlyList<string> Engaged, IReadOnlyList<string> Absent);

public sealed record AccountScoreResponse(string ModelVersion, string? AccountId, IReadOnlyList<AccountOutcomeResponse> Outcomes,
    IReadOnlyList<CoverageResponse> BuyingGroup, IReadOnlyList<LeadScoreResponse> Contacts);

public sealed record OutcomeResponse(string LeadId, FunnelStage? Stage, DateTime ReachedAt, bool Created, string? Outcome = null, bool? Value = null)
{
    /// <summary>A stored outcome as the API shows it: a stage, or an outcome recorded by name.</summary>
    public static OutcomeResponse Stored(string leadId, string stored, DateTime reachedAt, bool created) =>
        Scoring.Funnel.RecordedOutcomes.ParseStored(stored) is { } named
            ? new OutcomeResponse(leadId, null, reachedAt, created, named.Outcome, named.Value)
            : new OutcomeResponse(leadId, FunnelStages.Parse(stored) ?? FunnelStage.Lead, reachedAt, created);
}

public sealed record HistoryPoint(DateTime Time, string ModelVersion, string Outcome, double? Probability, double? RulePoints, FunnelStage? RuleStage,
    [property: Description("The fields that moved this score and by how much (log-odds), when reasons were asked for; values are not logged")]
    IReadOnlyList<LoggedReasonResponse> Reasons);

/// <summary>A logged reason: the field and how much it moved the score (values are not logged).</summary>
public sealed record LoggedReasonResponse(string Field, double Contribution, string Sentence);

public sealed record LeadHistoryResponse(string LeadId, IReadOnlyList<HistoryPoint> Predictions, IReadOnlyList<OutcomeResponse> Outcomes);

/// <summary>What is logged of an account scoring: its probabilities and buying-group coverage, not its contacts' fields.</summary>
public sealed record AccountSummary(IReadOnlyList<AccountOutcomeResponse> Outcomes, IReadOnlyList<CoverageResponse> BuyingGroup, int Contacts);


public sealed record SignInRequest(string? Key);

public sealed record SessionResponse(bool SignedIn, string? Name, string? Role);
