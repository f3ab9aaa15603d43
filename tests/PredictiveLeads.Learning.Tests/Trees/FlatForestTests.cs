using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Tests.Trees;

public sealed class FlatForestTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Compiled_forest_takes_the_same_decisions_as_the_trees()
    {
        var model = SyntheticMatrix.Train(SyntheticMatrix.Table(_temp, 5000, seed: 21),
            new BoostingOptions { Trees = 40, MaxLeaves = 24, MaxDepth = 0, Threads = 2, EarlyStoppingRounds = 0 }).Model;
        var ensemble = model.Ensemble!;
        var (test, _) = SyntheticMatrix.Features(model, SyntheticMatrix.Table(_temp, 3000, seed: 22));
        // Values the trees never saw: far outside the range, exactly on thresholds, unseen categories, missing everywhere.
        var x0 = model.Pipeline.Features.ToList().FindIndex(f => f.Name == "x0");
        var segment = model.Pipeline.Features.ToList().FindIndex(f => f.Name == "segment");
        var x3 = model.Pipeline.Features.ToList().FindIndex(f => f.Name == "x3");
        var columns = test.Columns;
        var thresholds = ensemble.Trees.SelectMany(t => t.Threshold.Where((_, n) => t.CategoryOffset[n] < 0 && t.Feature[n] == x0)).ToArray();
        Assert.NotEmpty(thresholds);
        for (var r = 0; r < 300; r++)
        {
            columns[x0][r] = r % 3 == 0 ? 1e9 : thresholds[r % thresholds.Length];
            columns[segment][r] = r % 2 == 0 ? model.Pipeline.Features[segment].UnseenCode : double.NaN;
            columns[x3][r] = double.NaN;
        }
        var matrix = new FeatureMatrix(test.Features, columns, test.RowCount);

        var batch = new double[matrix.RowCount];
        ensemble.Flat.PredictMargins(matrix, 0, matrix.RowCount, batch);

        var row = new double[matrix.FeatureCount];
        for (var r = 0; r < matrix.RowCount; r++)
        {
            matrix.CopyRow(r, row);
            var expected = ensemble.BaseMargin;
            foreach (var tree in ensemble.Trees)
                expected += tree.Predict(row);
            Assert.Equal(expected, batch[r], 12);
            Assert.Equal(batch[r], ensemble.PredictMargin(row));
        }
    }
}
