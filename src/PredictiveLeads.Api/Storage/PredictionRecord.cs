namespace PredictiveLeads.Api.Storage;

/// <summary>One logged prediction of one outcome. Raw field values are never stored.</summary>
public sealed record PredictionRecord(DateTime Time, string KeyName, string ModelVersion, string? LeadId, string? AccountId, string Outcome, double? Probability,
    double? RulePoints, string? RuleStage);

/// <summary>What really happened to a lead: the stage it reached, when, and why it was disqualified if it was.</summary>
public sealed record OutcomeRecord(string LeadId, string Stage, DateTime ReachedAt, string? DisqualificationReason, DateTime RecordedAt);
