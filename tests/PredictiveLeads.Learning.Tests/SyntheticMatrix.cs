using System.Globalization;
using System.Text;
using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Training;

namespace PredictiveLeads.Learning.Tests;

/// <summary>
/// Seeded tables with a known label function, trained through the product's own path (CSV, preprocessing, an ML.NET learner):
/// x0 × x1 interact, segment is categorical (a to h), x3 has missing values.
/// </summary>
public static class SyntheticMatrix
{
    public const string Label = "converted";

    public static DataTable Table(TempDirectory temp, int rows, int seed, bool interactionOnly = false)
    {
        var random = new DeterministicRandom((ulong)seed);
        var text = new StringBuilder("x0,x1,segment,x3,converted\n");
        var c = CultureInfo.InvariantCulture;
        for (var r = 0; r < rows; r++)
        {
            var x0 = random.NextDouble() * 2 - 1;
            var x1 = random.NextDouble() * 2 - 1;
            var segment = random.Next(8);
            var x3 = random.NextDouble() < 0.2 ? double.NaN : random.NextDouble();
            // Same sign of x0 and x1 converts: invisible to any model that adds up one-feature effects.
            var score = 2.5 * (x0 * x1 > 0 ? 1 : -1);
            if (!interactionOnly)
                score += (segment is 1 or 4 ? 1.0 : 0) + (double.IsNaN(x3) ? 0.8 : -0.5 * x3);
            var label = random.NextDouble() < 1 / (1 + Math.Exp(-score)) ? 1 : 0;
            text.Append(c, $"{x0:R},{x1:R},{(char)('a' + segment)},{(double.IsNaN(x3) ? "" : x3.ToString("R", c))},{label}\n");
        }
        return CsvTableReader.Read(temp.Write($"synthetic-{rows}-{seed}-{interactionOnly}.csv", text.ToString()));
    }

    public static TrainingResult Train(DataTable table, BoostingOptions boosting, LearnerKind learner = LearnerKind.LightGbm) =>
        new ModelTrainer(new TrainingOptions { Label = Label, Learner = learner, Boosting = boosting }).Train(table);

    /// <summary>The table's rows as the model's features, and their labels.</summary>
    public static (FeatureMatrix Matrix, double[] Labels) Features(BinaryModel model, DataTable table) =>
        (model.Pipeline.Transform(table), BinaryLabel.Read(table, Label));
}
