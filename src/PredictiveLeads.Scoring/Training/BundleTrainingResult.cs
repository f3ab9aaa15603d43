using PredictiveLeads.Scoring.Rules;

namespace PredictiveLeads.Scoring.Training;

/// <summary>A trained bundle before it is written: the split, every outcome's result, and the rules used.</summary>
public sealed record BundleTrainingResult(HoldoutSplit Split, IReadOnlyList<OutcomeResult> Outcomes, PointsRules? Rules, int Rows, Bundles.HoldoutScores? Holdout = null,
    Bundles.TrainingIds? TrainingIds = null)
{
    /// <summary>
    /// Columns kept out of every model, with the reason: named so by the schema or flags, or found by their values alone
    /// (identifiers, constant and near-constant columns). Leakage suspects are per outcome, in <see cref="OutcomeResult.Excluded"/>.
    /// </summary>
    public IReadOnlyList<ExcludedColumn> Excluded { get; init; } = [];

    /// <summary>How the fields the models read were distributed among the training leads.</summary>
    public IReadOnlyList<Fields.FieldDistribution> FieldDistributions { get; init; } = [];

    /// <summary>Outcomes that nest (an SQL is an MQL first), and how often the test leads' probabilities break that order.</summary>
    public IReadOnlyList<NestedOutcomes> Nesting { get; init; } = [];

    /// <summary>Why no rules or baseline score were compared, and how to add one; null when they were.</summary>
    public string? NoRulesReason { get; init; }

    /// <summary>How the export's columns were read where it had to be decided or could not be used (decimal commas, day-first dates, stray texts).</summary>
    public IReadOnlyList<string> ReadingNotes { get; init; } = [];
}
