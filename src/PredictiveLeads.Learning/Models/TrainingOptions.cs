using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Models;

/// <summary>
/// Everything that decides how a <see cref="BinaryModel"/> is trained from a table. The allowed range, command-line
/// option and recorded name of each setting are declared in <see cref="ModelSettings"/>.
/// </summary>
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

    /// <summary>Share of labelled rows held out for early stopping and calibration.</summary>
    public double ValidationShare { get; init; } = 0.2;

    /// <summary>Calibration method fitted on the validation part; null means Platt scaling (as <c>train</c> defaults to).</summary>
    public CalibrationMethod? Calibration { get; init; }

    /// <summary>Most value bins per numeric feature.</summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>Inverse L2 strength of logistic regression (as scikit-learn's C).</summary>
    public double LogisticInverseStrength { get; init; } = 1.0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of its range (see <see cref="ModelSettings"/>).</summary>
    public void Validate()
    {
        if (!Learner.Trains())
            throw new ArgumentException($"Learner = {Learner}: this learner was retired and trains no more (its models still load and serve)");
        foreach (var setting in ModelSettings.All)
            setting.Check(this);
        Boosting.Validate();
    }
}
