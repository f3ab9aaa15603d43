using PredictiveLeads.Learning.Metrics;

namespace PredictiveLeads.Learning.Models;

/// <summary>A trained model with what the trainer learned along the way.</summary>
public sealed record TrainingResult
{
    public required BinaryModel Model { get; init; }

    /// <summary>Rows used to grow the model, and rows held out for early stopping and calibration.</summary>
    public required int TrainingRows { get; init; }

    public required int ValidationRows { get; init; }

    /// <summary>Rows left out because their label was missing.</summary>
    public required int UnlabelledRows { get; init; }

    /// <summary>Trees kept (boosting) — 0 for logistic regression.</summary>
    public int Trees { get; init; }

    public int TreesGrown { get; init; }

    public bool StoppedEarly { get; init; }

    /// <summary>Metrics on the held-out validation rows, with calibrated probabilities.</summary>
    public required ClassifierEvaluation Validation { get; init; }

    /// <summary>Every feature's importance, most important (by permutation) first.</summary>
    public required IReadOnlyList<FeatureImportanceRow> Importance { get; init; }

    /// <summary>Things worth telling the user: columns left out, levels grouped, rows skipped.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Seconds spent in each step (for the user, never part of the model).</summary>
    public required IReadOnlyDictionary<string, double> Timings { get; init; }
}

/// <summary>
/// How much the model relies on one feature: its share of all split gain (trees only), and how much the
/// held-out ROC AUC drops when the feature's values are shuffled.
/// </summary>
public sealed record FeatureImportanceRow(string Feature, double GainShare, double PermutationAucDrop);
