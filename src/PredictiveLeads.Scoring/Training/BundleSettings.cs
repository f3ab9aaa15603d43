using PredictiveLeads.Learning.Settings;

namespace PredictiveLeads.Scoring.Training;

/// <summary>The settings of a bundle's training beyond its models' (<see cref="Learning.Models.ModelSettings"/>): how leads are tested and what is left out.</summary>
public static class BundleSettings
{
    public static readonly IReadOnlyList<Setting<BundleTrainingOptions>> All =
    [
        new Setting<BundleTrainingOptions, double>("testShare", "--test-share",
            "Share of leads held out for the final test (the newest, with a creation time).", "in [0.05, 0.5]",
            o => o.TestShare, (o, v) => o with { TestShare = v }, v => v is >= 0.05 and <= 0.5),
        new Setting<BundleTrainingOptions, double>("leakageThreshold", "--leakage-threshold",
            "A column whose out-of-fold AUC alone reaches this is excluded as a leak.", "in (0.5, 1]",
            o => o.LeakageThreshold, (o, v) => o with { LeakageThreshold = v }, v => v is > 0.5 and <= 1),
        new Setting<BundleTrainingOptions, int>("minimumPerClass", "--min-per-class",
            "Fewer positives or negatives than this: no model, the rules serve the outcome.", "at least 2",
            o => o.MinimumPerClass, (o, v) => o with { MinimumPerClass = v }, v => v >= 2),
    ];
}
