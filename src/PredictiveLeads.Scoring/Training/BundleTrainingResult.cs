using PredictiveLeads.Scoring.Rules;

namespace PredictiveLeads.Scoring.Training;

/// <summary>A trained bundle before it is written: the split, every outcome's result, and the rules used.</summary>
public sealed record BundleTrainingResult(HoldoutSplit Split, IReadOnlyList<OutcomeResult> Outcomes, PointsRules? Rules, int Rows, Bundles.HoldoutScores? Holdout = null,
    Bundles.TrainingIds? TrainingIds = null);
