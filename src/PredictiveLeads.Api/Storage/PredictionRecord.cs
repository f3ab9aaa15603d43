namespace PredictiveLeads.Api.Storage;

/// <summary>
/// One logged prediction of one outcome. Raw field values are never stored (but for the declared segment and owner): <paramref name="Reasons"/> holds only the
/// explained fields' names and contributions (see <see cref="LoggedReasons"/>), when reasons were asked for. <paramref name="Cell"/>
/// is the fit × engagement cell ("B2") when the model grades both.
/// </summary>
public sealed record PredictionRecord(DateTime Time, string KeyName, string ModelVersion, string? LeadId, string? AccountId, string Outcome, double? Probability,
    double? RulePoints, string? RuleStage, string? Reasons = null, string? Cell = null) : LogEntry
{
    /// <summary>The lead's values of the bundle's declared segment and owner fields: the only field values the log keeps, for the worklist's filters.</summary>
    public string? Segment { get; init; }

    public string? Owner { get; init; }

    /// <summary>The A–D grade the scoring answered, which a rescoring compares with (lead.grade_changed).</summary>
    public string? Grade { get; init; }

    /// <summary>The challenger scored in the shadow of <see cref="ModelVersion"/> in the same request, if any: its version and probability (never answered).</summary>
    public string? ChallengerVersion { get; init; }

    public double? ChallengerProbability { get; init; }
}

/// <summary>What really happened to a lead: the stage it reached, when, and why it was disqualified if it was.</summary>
public sealed record OutcomeRecord(string LeadId, string Stage, DateTime ReachedAt, string? DisqualificationReason, DateTime RecordedAt);

/// <summary>
/// One logged account scoring: the account-level probabilities and buying-group coverage as answered
/// (<paramref name="Summary"/>, JSON), without the contacts' field values.
/// </summary>
public sealed record AccountRecord(DateTime Time, string KeyName, string ModelVersion, string AccountId, string Summary) : LogEntry;

/// <summary>What the prediction log writes in the background.</summary>
public abstract record LogEntry;

/// <summary>A lead's newest logged score of one outcome, with its logged reasons (see <see cref="LoggedReasons"/>).</summary>
public sealed record NewestScore(string LeadId, string Outcome, double? Probability, DateTime Time, string ModelVersion, string? Reasons)
{
    public string? Grade { get; init; }

    public string? RuleStage { get; init; }
}
