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

    /// <summary>Things worth telling the user: columns left out, levels grouped, rows skipped.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Seconds spent in each step (for the user, never part of the model).</summary>
    public required IReadOnlyDictionary<string, double> Timings { get; init; }
}
