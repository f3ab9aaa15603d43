using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Rules;

namespace PredictiveLeads.Scoring.Live;

/// <summary>Everything said about one lead: each outcome's probability and reasons, the rules' verdict, and warnings.</summary>
public sealed record LeadScore(IReadOnlyList<OutcomeScore> Outcomes, RuleScore? Rules, IReadOnlyList<string> Warnings)
{
    /// <summary>Whether the lead was scored with reasons.</summary>
    public bool Explained { get; init; }

    /// <summary>The lead's values of the bundle's segment and owner fields, as given, which the log keeps for the worklist's filters; null when absent.</summary>
    public string? Segment { get; init; }

    public string? Owner { get; init; }

    /// <summary>The lead as it was parsed and scored (what drift per field counts).</summary>
    public Learning.Data.ParsedRow? Lead { get; init; }
}

/// <summary>One outcome's calibrated probability, who produced it, and the fields that pushed it up and down most.</summary>
public sealed record OutcomeScore(string Outcome, double Probability, OutcomeSource Source, IReadOnlyList<Reason> Positive, IReadOnlyList<Reason> Negative)
{
    /// <summary>
    /// The earlier outcome this one is served through: <see cref="Probability"/> is P(earlier) × P(outcome | earlier), and the
    /// reasons explain the second factor. Null when the outcome is scored on its own.
    /// </summary>
    public string? ConditionalOn { get; init; }

    /// <summary>The fit grade, 1–4 (shown A–D), from the outcome's fit sub-model; null when the bundle has none.</summary>
    public int? Fit { get; init; }

    /// <summary>The engagement grade, 1–4, from the outcome's engagement sub-model; null when the bundle has none.</summary>
    public int? Engagement { get; init; }

    /// <summary>Every field's contribution (those that round to 0 left out), what the log keeps to tell later scorings what moved; null when not explained.</summary>
    public IReadOnlyList<FieldContribution>? Contributions { get; init; }
}

/// <summary>
/// Why a probability is what it is: one input field's TreeSHAP contribution on the log-odds scale (its date parts
/// and other derived features added together), with the lead's value and a sentence for a sales rep.
/// </summary>
public sealed record Reason(string Field, string? Value, double Contribution, string Sentence);
