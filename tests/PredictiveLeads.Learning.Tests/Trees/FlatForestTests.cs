using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Tests.Trees;

public sealed class FlatForestTests
{
    [Fact]
    public void Compiled_forest_takes_the_same_decisions_as_the_trees()
    {
        var (train, labels) = SyntheticMatrix.Create(5000, seed: 21);
        var ensemble = SyntheticMatrix.Train(train, labels, new BoostingOptions { Trees = 40, MaxLeaves = 24, MaxDepth = 0, Threads = 2, EarlyStoppingRounds = 0 });
        var (test, _) = SyntheticMatrix.Create(3000, seed: 22);
        // Values the trees never saw: far outside the range, exactly on thresholds, unseen categories, missing everywhere.
        var columns = test.Columns;
        var thresholds = ensemble.Trees.SelectMany(t => t.Threshold.Where((_, n) => t.CategoryOffset[n] < 0 && t.Feature[n] == 0)).ToArray();
        for (var r = 0; r < 300; r++)
        {
            columns[0][r] = r % 3 == 0 ? 1e9 : thresholds[r % thresholds.Length];
            columns[2][r] = r % 2 == 0 ? SyntheticMatrix.Features[2].UnseenCode : double.NaN;
            columns[3][r] = double.NaN;
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
