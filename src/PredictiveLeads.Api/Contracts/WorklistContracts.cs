using System.ComponentModel;

namespace PredictiveLeads.Api.Contracts;

/// <summary>Open leads to work first for one outcome, most likely first.</summary>
public sealed record WorklistResponse(
    string Outcome,
    [property: Description("The most leads listed")] int Capacity,
    [property: Description("Leads scored within this many days are listed")] int Days,
    IReadOnlyList<WorklistLeadResponse> Leads);

public sealed record WorklistLeadResponse(
    string Id,
    string? AccountId,
    [property: Description("From the lead's newest scoring")] double Probability,
    string Grade,
    [property: Description("The newest scoring's reasons, when it was scored with reasons")] IReadOnlyList<LoggedReasonResponse> Reasons,
    [property: Description("The stage the points rules give the lead (Lead, MQL, SQL…); null without rules")] string? RuleStage,
    [property: Description("Since the scoring before the newest; null for a lead scored once")] ScoreChangeResponse? Change,
    DateTime ScoredAt);

public sealed record ScoreChangeResponse(
    [property: Description("Newest probability minus the previous one")] double Probability,
    [property: Description("When the previous scoring was")] DateTime Since);
