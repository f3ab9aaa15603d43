using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Models;

/// <summary>Everything that decides how a <see cref="BinaryModel"/> is trained from a table.</summary>
public sealed record TrainingOptions
{
    public required string Label { get; init; }

    public string? IdColumn { get; init; }

    /// <summary>Columns that are not features (besides the label and id).</summary>
    public IReadOnlyCollection<string> Ignore { get; init; } = [];

    public IReadOnlyList<string> MissingTokens { get; init; } = [];

    public LearnerKind Learner { get; init; } = LearnerKind.LightGbm;

    public BoostingOptions Boosting { get; init; } = new();

    public PreprocessingOptions Preprocessing { get; init; } = new();

    /// <summary>Share of labelled rows held out for early stopping and calibration. Range [0.05, 0.5].</summary>
    public double ValidationShare { get; init; } = 0.2;

    /// <summary>Calibration method fitted on the validation part; null means Platt scaling (as <c>train</c> defaults to).</summary>
    public CalibrationMethod? Calibration { get; init; }

    /// <summary>Most value bins per numeric feature. Range 2..255.</summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>Inverse L2 strength of logistic regression (as scikit-learn's C). Range > 0.</summary>
    public double LogisticInverseStrength { get; init; } = 1.0;

    public void Validate()
    {
        if (ValidationShare is < 0.05 or > 0.5)
            throw new ArgumentException($"ValidationShare = {ValidationShare} is out of range; it must be in [0.05, 0.5]");
        if (MaxBins is < 2 or > 255)
            throw new ArgumentException($"MaxBins = {MaxBins} is out of range; it must be between 2 and 255");
        if (!(LogisticInverseStrength > 0))
            throw new ArgumentException($"LogisticInverseStrength = {LogisticInverseStrength} is out of range; it must be positive");
        if (!Learner.Trains())
            throw new ArgumentException($"Learner = {Learner}: this learner was retired and trains no more (its models still load and serve)");
        Boosting.Validate();
        Preprocessing.Validate();
    }
}
