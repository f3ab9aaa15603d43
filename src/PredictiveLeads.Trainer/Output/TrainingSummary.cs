using System.Globalization;
using PredictiveLeads.Learning.Models;

namespace PredictiveLeads.Trainer.Output;

/// <summary>The readable summary printed at the end of <c>train</c>.</summary>
internal static class TrainingSummary
{
    public static void Write(TextWriter output, TrainingResult result, string directory, double seconds)
    {
        var v = result.Validation;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"Model for '{result.Model.Label}' written to {directory}");
        output.WriteLine(string.Create(c, $"  learner            {Describe(result)}"));
        output.WriteLine(string.Create(c, $"  rows               {result.TrainingRows:N0} training, {result.ValidationRows:N0} held out for early stopping and calibration"));
        output.WriteLine(string.Create(c, $"  features           {result.Model.FeatureCount}"));
        output.WriteLine(string.Create(c, $"  held-out ROC AUC   {v.RocAuc:F4}"));
        output.WriteLine(string.Create(c, $"  held-out log loss  {v.LogLoss:F4}   Brier {v.Brier:F4}   ECE {v.ExpectedCalibrationError:F4}"));
        output.WriteLine(string.Create(c, $"  positive rate      {v.PositiveRate:P1}; top 10% of leads hold {v.Capture[1].ShareOfPositivesFound:P1} of positives"));
        output.WriteLine(string.Create(c, $"  time               {seconds:F1} s"));
        output.WriteLine("  strongest features (held-out AUC lost when shuffled; share of split gain):");
        foreach (var feature in result.Importance.Take(8))
            output.WriteLine(string.Create(c, $"    {feature.Feature,-32} {feature.PermutationAucDrop,7:F4}   {feature.GainShare,6:P1}"));
        foreach (var note in result.Notes)
            output.WriteLine($"  note: {note}");
    }

    private static string Describe(TrainingResult result) =>
        result.Model.Learner == LearnerKind.GradientBoosting
            ? $"gradient-boosted trees, {result.Trees} kept of {result.TreesGrown} grown{(result.StoppedEarly ? " (stopped early)" : "")}"
            : "logistic regression";
}
