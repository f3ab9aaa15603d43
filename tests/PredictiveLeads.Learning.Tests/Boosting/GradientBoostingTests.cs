using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Metrics;

namespace PredictiveLeads.Learning.Tests.Boosting;

public sealed class GradientBoostingTests
{
    private static readonly BoostingOptions Small = new() { Trees = 60, LearningRate = 0.2, MaxLeaves = 8, MaxDepth = 4, Threads = 2, EarlyStoppingRounds = 0 };

    [Fact]
    public void Recovers_an_interaction_that_one_feature_at_a_time_cannot_see()
    {
        var (train, trainLabels) = SyntheticMatrix.Create(6000, seed: 1, interactionOnly: true);
        var (test, testLabels) = SyntheticMatrix.Create(4000, seed: 2, interactionOnly: true);

        var trees = SyntheticMatrix.Train(train, trainLabels, Small);
        var stumps = SyntheticMatrix.Train(train, trainLabels, Small with { MaxLeaves = 2 });

        var treeAuc = RankingMetrics.RocAuc(Predict(trees, test), testLabels);
        var stumpAuc = RankingMetrics.RocAuc(Predict(stumps, test), testLabels);
        Assert.True(treeAuc > 0.85, $"trees reached AUC {treeAuc:F3}");
        Assert.InRange(stumpAuc, 0.4, 0.6);
    }

    [Fact]
    public void Learns_categorical_and_missing_value_effects()
    {
        var (train, trainLabels) = SyntheticMatrix.Create(8000, seed: 3);
        var (test, testLabels) = SyntheticMatrix.Create(4000, seed: 4);

        var ensemble = SyntheticMatrix.Train(train, trainLabels, Small);

        Assert.True(RankingMetrics.RocAuc(Predict(ensemble, test), testLabels) > 0.85);
        Assert.Contains(ensemble.Trees, t => t.CategoryOffset.Any(o => o >= 0));
    }

    [Fact]
    public void Early_stopping_keeps_the_best_number_of_trees()
    {
        var (train, trainLabels) = SyntheticMatrix.Create(2000, seed: 5);
        var (valid, validLabels) = SyntheticMatrix.Create(1000, seed: 6);
        var data = SyntheticMatrix.Bin(train);
        var validation = Learning.Binning.BinnedDataset.Apply(data.Binnings, valid, 1);

        var result = new GradientBoostingTrainer(Small with { Trees = 500, LearningRate = 0.5, EarlyStoppingRounds = 10 })
            .Train(data, trainLabels, validation, validLabels);

        Assert.True(result.StoppedEarly);
        var best = result.ValidationLoss.ToList().IndexOf(result.ValidationLoss.Min()) + 1;
        Assert.Equal(best, result.Ensemble.Trees.Count);
        Assert.Equal(best + 10, result.TreesGrown);
    }

    [Fact]
    public void Rejects_options_out_of_range()
    {
        var error = Assert.Throws<ArgumentException>(() => (Small with { LearningRate = 0 }).Validate());

        Assert.Contains("LearningRate", error.Message);
    }

    internal static double[] Predict(TreeEnsemble ensemble, Learning.Preprocessing.FeatureMatrix matrix)
    {
        var row = new double[matrix.FeatureCount];
        var margins = new double[matrix.RowCount];
        for (var r = 0; r < matrix.RowCount; r++)
        {
            matrix.CopyRow(r, row);
            margins[r] = ensemble.PredictMargin(row);
        }
        return margins;
    }
}
