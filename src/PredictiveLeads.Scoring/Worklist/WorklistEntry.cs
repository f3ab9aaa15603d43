using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Worklist;

/// <summary>
/// An open lead as its newest scoring left it, and the scoring before that one (if any) to show what changed.
/// <paramref name="LoggedReasons"/> is the log's text of the newest scoring's reasons, when they were asked for; <paramref name="Cell"/>
/// its fit × engagement cell ("B2"), when the model grades both.
/// </summary>
public sealed record WorklistEntry(string LeadId, string? AccountId, double Probability, DateTime ScoredAt, FunnelStage? RuleStage,
    double? PreviousProbability, DateTime? PreviousScoredAt, string? LoggedReasons, string? Cell = null)
{
    /// <summary>The previous scoring's model version and logged reasons; null when not kept (or it had none).</summary>
    public string? PreviousModelVersion { get; init; }

    public string? PreviousLoggedReasons { get; init; }

        /// <summary>The probability minus the previous scoring's; null for a lead scored once.</summary>
    public double? Change => PreviousProbability is { } previous ? Probability - previous : null;
}

/// <summary>Which open leads a worklist keeps: by fit × engagement cell ("B2"), segment and owner as the newest scoring logged them; null keeps all.</summary>
public sealed record WorklistFilter(string? Cell = null, string? Segment = null, string? Owner = null)
{
    public static readonly WorklistFilter All = new();
}
