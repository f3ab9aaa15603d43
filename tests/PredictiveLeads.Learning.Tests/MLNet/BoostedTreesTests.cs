using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Models;

namespace PredictiveLeads.Learning.Tests.MLNet;

/// <summary>What the ML.NET tree learners learn, trained the way <c>train</c> trains them.</summary>
public sealed class BoostedTreesTests : IDisposable
{
    private static readonly BoostingOptions Small = new() { Trees = 60, LearningRate = 0.2, MaxLeaves = 8, MaxDepth = 4, Threads = 2, EarlyStoppingRounds = 0 };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(LearnerKind.LightGbm)]
    [InlineData(LearnerKind.FastTree)]
    public void Recovers_an_interaction_that_one_feature_at_a_time_cannot_see(LearnerKind learner)
    {
        var train = SyntheticMatrix.Table(_temp, 6000, seed: 1, interactionOnly: true);
        var test = SyntheticMatrix.Table(_temp, 4000, seed: 2, interactionOnly: true);

        var trees = SyntheticMatrix.Train(train, Small, learner).Model;
        var stumps = SyntheticMatrix.Train(train, Small with { MaxLeaves = 2 }, learner).Model;

        var treeAuc = Auc(trees, test);
        var stumpAuc = Auc(stumps, test);
        Assert.True(treeAuc > 0.85, $"trees reached AUC {treeAuc:F3}");
        Assert.InRange(stumpAuc, 0.4, 0.6);
    }

    [Fact]
    public void Learns_categorical_and_missing_value_effects()
    {
        var model = SyntheticMatrix.Train(SyntheticMatrix.Table(_temp, 8000, seed: 3), Small).Model;

        Assert.True(Auc(model, SyntheticMatrix.Table(_temp, 4000, seed: 4)) > 0.85);
        Assert.Contains(model.Ensemble!.Trees, t => t.CategoryOffset.Any(o => o >= 0));
    }

    [Theory]
    [InlineData(LearnerKind.LightGbm)]
    [InlineData(LearnerKind.FastTree)]
    public void Early_stopping_on_the_validation_part_keeps_fewer_trees_than_allowed(LearnerKind learner)
    {
        var result = SyntheticMatrix.Train(SyntheticMatrix.Table(_temp, 3000, seed: 5),
            Small with { Trees = 500, LearningRate = 0.5, EarlyStoppingRounds = 10 }, learner);

        Assert.True(result.StoppedEarly);
        Assert.InRange(result.Trees, 1, 499);
        Assert.Equal(result.Trees, result.Model.Ensemble!.Trees.Count);
    }

    [Fact]
    public void Rejects_options_out_of_range()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingOptions { Label = "y", Boosting = Small with { LearningRate = 0 } }.Validate());

        Assert.Equal("learningRate (--learning-rate) = 0 is out of range; it must be in (0, 1] (Parameter 'learningRate')", error.Message);
    }

    private static double Auc(BinaryModel model, Learning.Data.DataTable table)
    {
        var (matrix, labels) = SyntheticMatrix.Features(model, table);
        return RankingMetrics.RocAuc(model.PredictMargins(matrix, 1), labels);
    }
}
