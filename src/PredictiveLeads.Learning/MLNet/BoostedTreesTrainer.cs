using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>The trained ML.NET tree predictor and its trees compiled into ours (without covers yet).</summary>
internal sealed record BoostedTrees(ITransformer Predictor, IReadOnlyList<Trees.RegressionTree> Trees);

/// <summary>
/// Grows gradient-boosted trees through ML.NET — LightGBM or FastTree — on the fit rows' slots, stopping early on
/// the validation rows, and compiles them into our trees.
/// </summary>
internal sealed class BoostedTreesTrainer(TrainingOptions options)
{
    // Two LightGBM trainings building their datasets at once in one process ended it with LightGBM's native fatal
    // error "Cannot add validation data, since it has different bin mappers"; ML.NET locks only the boosting itself.
    private static readonly Lock LightGbmInProcess = new();

    /// <param name="ml">The training run's context.</param>
    /// <param name="fit">The rows trees grow on.</param>
    /// <param name="validation">The rows early stopping watches.</param>
    /// <param name="features">Our features, to compile the trees onto.</param>
    /// <param name="validationFeatures">Our features of the validation rows, to choose FastTree's number of trees.</param>
    /// <param name="validationLabels">Their outcomes.</param>
    public BoostedTrees Train(MLContext ml, IDataView fit, IDataView validation, IReadOnlyList<FeatureInfo> features,
        FeatureMatrix validationFeatures, double[] validationLabels)
    {
        var boosting = options.Boosting;
        if (options.Learner == LearnerKind.FastTree)
        {
            // FastTree has no early stopping on a validation set for binary outcomes (its pruning option ranks, and
            // kept 3 of 200 trees on the benchmark file): grow every tree, find the best count on the validation
            // rows as LightGBM would, and grow again to that count (the same seed grows the same first trees).
            var grown = ml.BinaryClassification.Trainers.FastTree(FastTreeOptions(boosting, boosting.Trees)).Fit(fit);
            var trees = TreeCompiler.Compile(grown.Model.SubModel.TrainedTreeEnsemble, features, "trained model");
            // FastTree's probability is σ(2 · learning rate · score) (its "sigmoid parameter").
            var best = BestTreeCount(trees, 2 * boosting.LearningRate, validationFeatures, validationLabels, boosting.EarlyStoppingRounds);
            if (best == trees.Count)
                return new BoostedTrees(grown, trees);
            var stopped = ml.BinaryClassification.Trainers.FastTree(FastTreeOptions(boosting, best)).Fit(fit);
            return new BoostedTrees(stopped, TreeCompiler.Compile(stopped.Model.SubModel.TrainedTreeEnsemble, features, "trained model"));
        }
        var trainer = ml.BinaryClassification.Trainers.LightGbm(LightGbmOptions(boosting));
        lock (LightGbmInProcess)
        {
            var lightGbm = trainer.Fit(fit, validation);
            return new BoostedTrees(lightGbm, TreeCompiler.Compile(lightGbm.Model.SubModel.TrainedTreeEnsemble, features, "trained model"));
        }
    }

    /// <summary>
    /// The number of trees whose validation log loss, of σ(<paramref name="scale"/> · margin), is lowest, stopping the
    /// search once it has not improved for <paramref name="patience"/> trees (all trees when patience is 0).
    /// </summary>
    private static int BestTreeCount(IReadOnlyList<Trees.RegressionTree> trees, double scale, FeatureMatrix validation, double[] labels, int patience)
    {
        if (patience == 0)
            return trees.Count;
        var margins = new double[validation.RowCount];
        var scaled = new double[validation.RowCount];
        var rows = new double[validation.RowCount][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = new double[validation.FeatureCount];
            validation.CopyRow(r, rows[r]);
        }
        int best = 0, count = 0;
        var bestLoss = double.PositiveInfinity;
        foreach (var tree in trees)
        {
            count++;
            for (var r = 0; r < rows.Length; r++)
            {
                margins[r] += tree.Predict(rows[r]);
                scaled[r] = scale * margins[r];
            }
            var loss = Objectives.LogisticLoss.MeanLoss(scaled, labels);
            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = count;
            }
            else if (count - best >= patience)
            {
                break;
            }
        }
        return Math.Max(best, 1);
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
        // Without it LightGBM times row-wise against column-wise histograms on each run and keeps the faster, and the two
        // can grow different trees: the choice would depend on the machine's load. Column-wise was as fast on the 1M file.
        ForceColumnWise = true,
        // Rows handed to LightGBM's dataset per call, as dense floats: ML.NET's default (2^20 rows) held ~250 MB at a time.
        BatchSize = 1 << 16,
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

    private FastTreeBinaryTrainer.Options FastTreeOptions(BoostingOptions b, int trees) => new()
    {
        LabelColumnName = RawInput.LabelColumn,
        FeatureColumnName = Featurizer.FeaturesColumn,
        NumberOfTrees = trees,
        LearningRate = b.LearningRate,
        NumberOfLeaves = b.MaxLeaves,
        MinimumExampleCountPerLeaf = b.MinRowsPerLeaf,
        CategoricalSplit = true,
        MaximumCategoricalSplitPointCount = b.MaxCategoriesPerSplit,
        MaximumBinCountPerFeature = options.MaxBins,
        FeatureFraction = b.FeatureSampleRate,
        BaggingSize = b.RowSampleRate < 1 ? 1 : 0,
        BaggingExampleFraction = b.RowSampleRate,
        NumberOfThreads = b.Threads,
        Seed = b.Seed,
        FeatureSelectionSeed = b.Seed,
        DiskTranspose = false,
    };
}
