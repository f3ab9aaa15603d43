using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Rules;
using PredictiveLeads.Scoring.Schema;

namespace PredictiveLeads.Scoring.Training;

/// <summary>How a bundle (one model per outcome, with the rules beside them) is trained and judged.</summary>
public sealed record BundleTrainingOptions
{
    public required ExportSchema Schema { get; init; }

    /// <summary>The points rules to compare against (and to fall back on); null when there are none.</summary>
    public PointsRules? Rules { get; init; }

    /// <summary>Learner, boosting and preprocessing settings shared by every outcome's model (label and ignore are set per outcome).</summary>
    public required TrainingOptions Model { get; init; }

    /// <summary>Columns to keep as features even though the leakage scan suspects them.</summary>
    public IReadOnlyCollection<string> Keep { get; init; } = [];

    /// <summary>A column whose out-of-fold AUC alone reaches this is a leakage suspect. Range (0.5, 1].</summary>
    public double LeakageThreshold { get; init; } = 0.9;

    /// <summary>Share of leads held out for the final test (the newest when there is a creation time). Range [0.05, 0.5].</summary>
    public double TestShare { get; init; } = 0.2;

    /// <summary>Share of the remaining leads used for early stopping and calibration. Range [0.05, 0.5].</summary>
    public double ValidationShare { get; init; } = 0.2;

    /// <summary>An outcome with fewer positives or negatives than this gets no model; the rules serve it. Range ≥ 2.</summary>
    public int MinimumPerClass { get; init; } = 40;

    public void Validate()
    {
        if (LeakageThreshold is <= 0.5 or > 1)
            throw new ArgumentException($"the leakage threshold {LeakageThreshold} is out of range; it must be in (0.5, 1]");
        if (TestShare is < 0.05 or > 0.5 || ValidationShare is < 0.05 or > 0.5)
            throw new ArgumentException("the test and validation shares must be between 0.05 and 0.5");
        if (MinimumPerClass < 2)
            throw new ArgumentException("the minimum rows per class must be at least 2");
        Model.Validate();
    }
}
