using PredictiveLeads.Learning.Binning;
using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Tests;

/// <summary>Seeded feature matrices with a known label function: x0 × x1 interact, x2 is categorical, x3 has missing values.</summary>
public static class SyntheticMatrix
{
    public static readonly FeatureInfo[] Features =
    [
        new("x0", FeatureKind.Numeric, "x0", []),
        new("x1", FeatureKind.Numeric, "x1", []),
        new("segment", FeatureKind.Categorical, "segment", ["a", "b", "c", "d", "e", "f"]),
        new("x3", FeatureKind.Numeric, "x3", []),
    ];

    public static (FeatureMatrix Matrix, double[] Labels) Create(int rows, int seed, bool interactionOnly = false)
    {
        var random = new DeterministicRandom((ulong)seed);
        var columns = new double[Features.Length][];
        for (var f = 0; f < columns.Length; f++)
            columns[f] = new double[rows];
        var labels = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var x0 = random.NextDouble() * 2 - 1;
            var x1 = random.NextDouble() * 2 - 1;
            var segment = random.Next(8);
            var x3 = random.NextDouble() < 0.2 ? double.NaN : random.NextDouble();
            columns[0][r] = x0;
            columns[1][r] = x1;
            columns[2][r] = segment;
            columns[3][r] = x3;
            // Same sign of x0 and x1 converts: invisible to any model that adds up one-feature effects.
            var score = 2.5 * (x0 * x1 > 0 ? 1 : -1);
            if (!interactionOnly)
                score += (segment is 1 or 4 ? 1.0 : 0) + (double.IsNaN(x3) ? 0.8 : -0.5 * x3);
            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-score)) ? 1 : 0;
        }
        return (new FeatureMatrix(Features, columns, rows), labels);
    }

    public static BinnedDataset Bin(FeatureMatrix matrix) => BinnedDataset.Fit(matrix, 255, 100_000, 1);

    public static TreeEnsemble Train(FeatureMatrix matrix, double[] labels, BoostingOptions options) =>
        new GradientBoostingTrainer(options).Train(Bin(matrix), labels).Ensemble;
}
