using System.ComponentModel;

namespace PredictiveLeads.Api.Contracts;

/// <summary>Open leads to work first for one outcome, most likely first.</summary>
public sealed record WorklistResponse(
    string Outcome,
    [property: Description("The most leads listed")] int Capacity,
    [property: Description("Leads scored within this many days are listed")] int Days,
    [property: Description("Only leads in this fit × engagement cell (A1 … D4); null for all")] string? Cell,
    [property: Description("Only leads whose newest scoring gave this value of the schema's segment field; null for all")] string? Segment,
    [property: Description("Only leads whose newest scoring gave this value of the schema's owner field; null for all")] string? Owner,
    IReadOnlyList<WorklistLeadResponse> Leads);

public sealed record WorklistLeadResponse(
    string Id,
    string? AccountId,
    [property: Description("From the lead's newest scoring")] double Probability,
    string Grade,
    [property: Description("The fit × engagement cell of the newest scoring (fit A–D, engagement 1–4, e.g. B2); null when the model does not grade both")] string? Cell,
    [property: Description("The newest scoring's reasons, when it was scored with reasons")] IReadOnlyList<LoggedReasonResponse> Reasons,
    [property: Description("The stage the points rules give the lead (Lead, MQL, SQL…); null without rules")] string? RuleStage,
    [property: Description("Since the scoring before the newest; null for a lead scored once")] ScoreChangeResponse? Change,
    DateTime ScoredAt);

public sealed record ScoreChangeResponse(
    [property: Description("This probability minus the previous scoring's")] double Probability,
    [property: Description("When the previous scoring was")] DateTime Since,
    [property: Description("The model version of the previous scoring; null when the log did not keep it (scorings logged before it did)")] string? PreviousModelVersion,
    [property: Description("The fields whose contributions (log-odds) moved most since the previous scoring, largest move first: before and after; empty when fieldsUnavailable says why")] IReadOnlyList<FieldMoveResponse> Fields,
    [property: Description("Why no fields are given (a scoring without reasons, or an outcome the rules serve); null when they are")] string? FieldsUnavailable);

public sealed record FieldMoveResponse(string Field, double Before, double After);
