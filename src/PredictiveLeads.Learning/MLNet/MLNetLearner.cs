using Microsoft.ML.Data;
using Microsoft.ML;
using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Linear;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>A model trained through ML.NET: our compiled learner, its calibrator, its model file and its validation margins.</summary>
internal sealed record MLNetTraining(TreeEnsemble? Ensemble, LogisticModel? Logistic, Calibrator Calibrator, byte[] ModelFile, double[] ValidationMargins);

/// <summary>
/// Trains one outcome's model through ML.NET, in one <see cref="MLContext"/>: the learner reads the fit rows' slots,
/// the calibrator is fitted on the validation rows, and the saved model is the whole pipeline from raw fields
/// (<see cref="Featurizer"/>) through the learner to the calibrated probability.
/// </summary>
internal sealed class MLNetLearner(TrainingOptions options)
{
    /// <summary>Rows whose features are computed at once while counting how many reach each leaf.</summary>
    private const int CoverChunkRows = 65_536;

    public MLNetTraining Train(FeaturePipeline pipeline, TableFeatures features, int[] fitRows, int[] validationRows, double[] labels,
        FeatureMatrix validation, double[] validationLabels)
    {
        var ml = new MLContext(options.Boosting.Seed);
        var inputs = new InputSchemaView(pipeline.Columns);
        var featurizer = Featurizer.Build(ml, pipeline).Fit(inputs);
        var fit = new SlotDataView(features, pipeline.Features, fitRows, labels);
        var held = new SlotDataView(features, pipeline.Features, validationRows, labels);

        ITransformer predictor;
        IDataView scores;
        TreeEnsemble? ensemble = null;
        LogisticModel? logistic = null;
        double[] margins;
        if (options.Learner == LearnerKind.LogisticRegression)
        {
            var trained = new LogisticTrainer(options).Train(ml, fit, pipeline.Features);
            featurizer = Append(featurizer, trained.Scaler);
            predictor = trained.Predictor;
            scores = predictor.Transform(trained.Scaler.Transform(held));
            logistic = trained.Model;
            margins = logistic.PredictMargins(validation);
        }
        else
        {
            var trained = new BoostedTreesTrainer(options).Train(ml, fit, held, pipeline.Features, validation, validationLabels);
            predictor = trained.Predictor;
            scores = predictor.Transform(held);
            WithCovers(trained.Trees, features, fitRows, pipeline.Features.Count);
            ensemble = TreeCompiler.Ensemble(trained.Trees, pipeline.Features.Count);
            margins = new double[validation.RowCount];
            ensemble.Flat.PredictMargins(validation, 0, validation.RowCount, margins);
        }
        var calibration = MLNetCalibration.Fit(ml, featurizer, predictor, scores, options.Calibration ?? CalibrationMethod.Platt, margins, validationLabels);
        var file = ModelFile.ToBytes(ml, calibration.Model, inputs.Schema);
        return new MLNetTraining(ensemble, logistic, calibration.Calibrator, file, margins);
    }

    /// <summary>Counts the fit rows that reach each leaf, a chunk of rows' features at a time.</summary>
    private void WithCovers(IReadOnlyList<Trees.RegressionTree> trees, TableFeatures features, int[] rows, int featureCount)
    {
        var flat = Trees.FlatForest.From(0, trees, featureCount);
        var totals = trees.Select(t => new double[t.LeafCount]).ToArray();
        for (var start = 0; start < rows.Length; start += CoverChunkRows)
        {
            var chunk = features.Gather(rows.AsSpan(start, Math.Min(CoverChunkRows, rows.Length - start)));
            var counts = flat.LeafRowCounts(chunk, options.Boosting.Threads);
            for (var t = 0; t < totals.Length; t++)
            {
                for (var leaf = 0; leaf < totals[t].Length; leaf++)
                    totals[t][leaf] += counts[t][leaf];
            }
        }
        for (var t = 0; t < trees.Count; t++)
            TreeCompiler.SetCovers(trees[t], totals[t]);
    }

    private static TransformerChain<ITransformer> Append(ITransformer featurizer, ITransformer next)
    {
        IEnumerable<ITransformer> steps = featurizer is TransformerChain<ITransformer> chain ? chain : [featurizer];
        return new TransformerChain<ITransformer>([.. steps, next]);
    }
}
