using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Rules;
using PredictiveLeads.Scoring.Schema;

namespace PredictiveLeads.Scoring.Training;

/// <summary>
/// How a bundle (one model per outcome, with the rules beside them) is trained and judged. The share of leads that
/// validates is the model's <see cref="TrainingOptions.ValidationShare"/>.
/// </summary>
public sealed record BundleTrainingOptions
{
    public required ExportSchema Schema { get; init; }

    /// <summary>The points rules to compare against (and to fall back on); null when there are none.</summary>
    public PointsRules? Rules { get; init; }

    /// <summary>Learner, boosting and preprocessing settings shared by every outcome's model (label and ignore are set per outcome).</summary>
    public required TrainingOptions Model { get; init; }

    /// <summary>Columns to keep as features even though the leakage scan suspects them.</summary>
    public IReadOnlyCollection<string> Keep { get; init; } = [];

    /// <summary>A column whose out-of-fold AUC alone reaches this is a leakage suspect.</summary>
    public double LeakageThreshold { get; init; } = 0.9;

    /// <summary>Share of leads held out for the final test (the newest when there is a creation time).</summary>
    public double TestShare { get; init; } = 0.2;

    /// <summary>An outcome with fewer positives or negatives than this gets no model; the rules serve it.</summary>
    public int MinimumPerClass { get; init; } = 40;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of its range (see <see cref="BundleSettings"/>).</summary>
    public void Validate()
    {
        foreach (var setting in BundleSettings.All)
            setting.Check(this);
        Model.Validate();
    }
}
