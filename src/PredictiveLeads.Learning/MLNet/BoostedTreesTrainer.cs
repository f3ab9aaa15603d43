using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>What an ML.NET tree learner produced: our compiled trees and the fitted ML.NET pieces to finish the model file with.</summary>
internal sealed record BoostedTrees(IReadOnlyList<Trees.RegressionTree> Trees, ITransformer Featurizer, ITransformer Predictor,
    IDataView ValidationScores, MLContext Context);

/// <summary>
/// Trains gradient-boosted trees through ML.NET — LightGBM or FastTree — on the features our pipeline decided,
/// growing trees on the fit rows and stopping early on the validation rows, and compiles them into our trees.
/// </summary>
internal sealed class BoostedTreesTrainer(TrainingOptions options)
{
    public BoostedTrees Train(DataTable table, FeaturePipeline pipeline, int[] fitRows, int[] validationRows, double[] labels)
    {
        var boosting = options.Boosting;
        var ml = new MLContext(boosting.Seed);
        var fitView = new TableDataView(table, pipeline.Columns, fitRows, labels);
        var validationView = new TableDataView(table, pipeline.Columns, validationRows, labels);
        var featurizer = Featurizer.Build(ml, pipeline).Fit(fitView);
        // Not cached: the learners read the features in one full pass (and a sample), so caching would only cost memory.
        var fitFeatures = featurizer.Transform(fitView);
        var validationFeatures = featurizer.Transform(validationView);

        ITransformer predictor;
        RegressionTreeEnsemble ensemble;
        if (options.Learner == LearnerKind.FastTree)
        {
            var fitted = ml.BinaryClassification.Trainers.FastTree(FastTreeOptions(boosting)).Fit(fitFeatures, validationFeatures);
            predictor = fitted;
            ensemble = fitted.Model.SubModel.TrainedTreeEnsemble;
        }
        else
        {
            var fitted = ml.BinaryClassification.Trainers.LightGbm(LightGbmOptions(boosting)).Fit(fitFeatures, validationFeatures);
            predictor = fitted;
            ensemble = fitted.Model.SubModel.TrainedTreeEnsemble;
        }
        var trees = TreeCompiler.Compile(ensemble, pipeline.Features, "trained model");
        return new BoostedTrees(trees, featurizer, predictor, predictor.Transform(validationFeatures), ml);
    }

    private LightGbmBinaryTrainer.Options LightGbmOptions(BoostingOptions b) => new()
    {
        LabelColumnName = RawInput.LabelColumn,
        FeatureColumnName = Featurizer.FeaturesColumn,
        NumberOfIterations = b.Trees,
        LearningRate = b.LearningRate,
        NumberOfLeaves = b.MaxLeaves,
        MinimumExampleCountPerLeaf = b.MinRowsPerLeaf,
        UseCategoricalSplit = true,
        HandleMissingValue = true,
        MinimumExampleCountPerGroup = b.MinRowsPerCategory,
        MaximumCategoricalSplitPointCount = b.MaxCategoriesPerSplit,
        CategoricalSmoothing = b.CategorySmoothing,
        L2CategoricalRegularization = b.CategoryL2,
        MaximumBinCountPerFeature = options.MaxBins,
        EarlyStoppingRound = b.EarlyStoppingRounds,
        EvaluationMetric = LightGbmBinaryTrainer.Options.EvaluateMetricType.Logloss,
        WeightOfPositiveExamples = b.PositiveWeight,
        NumberOfThreads = b.Threads,
        Seed = b.Seed,
        Deterministic = true,
        Silent = true,
        Verbose = false,
        Booster = new GradientBooster.Options
        {
            MaximumTreeDepth = b.MaxDepth,
            MinimumChildWeight = b.MinHessianPerLeaf,
            L2Regularization = b.L2,
            L1Regularization = b.L1,
            MinimumSplitGain = b.MinSplitGain,
            SubsampleFraction = b.RowSampleRate,
            SubsampleFrequency = b.RowSampleRate < 1 ? 1 : 0,
            FeatureFraction = b.FeatureSampleRate,
        },
    };

    private FastTreeBinaryTrainer.Options FastTreeOptions(BoostingOptions b) => new()
    {
        LabelColumnName = RawInput.LabelColumn,
        FeatureColumnName = Featurizer.FeaturesColumn,
        NumberOfTrees = b.Trees,
        LearningRate = b.LearningRate,
        NumberOfLeaves = b.MaxLeaves,
        MinimumExampleCountPerLeaf = b.MinRowsPerLeaf,
        CategoricalSplit = true,
        MaximumCategoricalSplitPointCount = b.MaxCategoriesPerSplit,
        MaximumBinCountPerFeature = options.MaxBins,
        FeatureFraction = b.FeatureSampleRate,
        BaggingSize = b.RowSampleRate < 1 ? 1 : 0,
        BaggingExampleFraction = b.RowSampleRate,
        EnablePruning = b.EarlyStoppingRounds > 0,
        NumberOfThreads = b.Threads,
        Seed = b.Seed,
        FeatureSelectionSeed = b.Seed,
        DiskTranspose = false,
    };
}
