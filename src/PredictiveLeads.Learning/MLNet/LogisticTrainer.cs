using System.Collections.Immutable;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using PredictiveLeads.Learning.Linear;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>The trained ML.NET logistic regression, the scaling of its inputs, and our linear model of the same margin.</summary>
internal sealed record TrainedLogistic(ITransformer Scaler, ITransformer Predictor, LogisticModel Model);

/// <summary>
/// Trains L2-regularised logistic regression with ML.NET's L-BFGS on the fit rows' slots (see <see cref="FeatureSlots"/>),
/// scaled to unit variance, and turns its weights into our <see cref="LogisticModel"/>, which computes the same margin.
/// </summary>
internal sealed class LogisticTrainer(TrainingOptions options)
{
    /// <summary>The scaled features the learner reads.</summary>
    public const string ScaledColumn = "Scaled";

    public TrainedLogistic Train(MLContext ml, IDataView fit, IReadOnlyList<FeatureInfo> features)
    {
        var scaler = FitScaler(ml, fit, features);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = RawInput.LabelColumn,
            FeatureColumnName = ScaledColumn,
            L2Regularization = (float)(1 / options.LogisticInverseStrength),
            // ML.NET adds an L1 penalty of 1 by default; ours and scikit-learn's are L2 only.
            L1Regularization = 0,
            NumberOfThreads = options.Boosting.Threads,
        });
        var predictor = trainer.Fit(scaler.Transform(fit));
        var linear = predictor.Model.SubModel;
        return new TrainedLogistic(scaler, predictor, Compile(features, linear.Weights, linear.Bias, AffineScales(scaler)));
    }

    /// <summary>
    /// Scales each numeric value slot by 1 / its standard deviation on the fit rows and leaves 0/1 slots (levels, missing
    /// indicators) as they are, so the one L2 penalty weighs a rare level's weight as much as a common one's. ML.NET's own
    /// zero-keeping normaliser divides every slot by its root mean square, which for a level seen in a share p of rows is
    /// √p: it left rare levels almost unpenalised and cost 0.0013 AUC on X Education (eight splits, every one worse).
    /// ML.NET has no public way to build a normaliser from given scales, so the zero-keeping normaliser is fitted on
    /// two made-up rows, +1/scale and −1/scale, whose root mean square per slot is exactly 1/scale.
    /// </summary>
    private static NormalizingTransformer FitScaler(MLContext ml, IDataView fit, IReadOnlyList<FeatureInfo> features)
    {
        var spread = ml.Transforms.NormalizeMeanVariance(ScaledColumn, Featurizer.FeaturesColumn, fixZero: false).Fit(fit);
        var inverseDeviations = AffineScales(spread);
        var slots = FeatureSlots.Of(features);
        var wanted = new float[slots.Count];
        for (var slot = 0; slot < slots.Count; slot++)
            wanted[slot] = slots[slot].Role == SlotRole.Value ? inverseDeviations[slot] : 1f;
        var plus = wanted.Select(scale => scale == 0 ? 0f : 1 / scale).ToArray();
        var rows = new[] { new ScaleRow { Features = plus }, new ScaleRow { Features = [.. plus.Select(v => -v)] } };
        var schema = SchemaDefinition.Create(typeof(ScaleRow));
        schema[nameof(ScaleRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, slots.Count);
        return ml.Transforms.NormalizeMeanVariance(ScaledColumn, Featurizer.FeaturesColumn, fixZero: true)
            .Fit(ml.Data.LoadFromEnumerable(rows, schema));
    }

    private static ImmutableArray<float> AffineScales(NormalizingTransformer normaliser) =>
        normaliser.GetNormalizerModelParameters(0) is NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> affine
            ? affine.Scale
            : throw new InvalidOperationException("the feature scaling is not affine");

    private sealed class ScaleRow
    {
        public float[] Features { get; set; } = [];
    }

    /// <summary>
    /// Our encoding of the same margin: bias + Σ weight · scale · slot. A numeric feature's value input is its value
    /// (the median when missing) times its scale; its missing input is the indicator, whose scale goes into the weight.
    /// A categorical feature's kept levels have their slots' weights; other, unseen and missing codes share the no-level slot's.
    /// </summary>
    public static LogisticModel Compile(IReadOnlyList<FeatureInfo> features, IReadOnlyList<float> weights, float bias, ImmutableArray<float> scales)
    {
        var slots = FeatureSlots.Of(features);
        if (weights.Count != slots.Count || scales.Length != slots.Count)
            throw new InvalidOperationException($"the linear model has {weights.Count} weights for {slots.Count} slots");
        var offsets = new int[features.Count];
        var medians = new double[features.Count];
        var means = new double[features.Count];
        var inputScales = new double[features.Count];
        var categorical = new bool[features.Count];
        var codeCounts = new int[features.Count];
        var inputWeights = new List<double>();
        var slot = 0;
        for (var f = 0; f < features.Count; f++)
        {
            var info = features[f];
            offsets[f] = inputWeights.Count;
            if (info.Kind == FeatureKind.Categorical)
            {
                categorical[f] = true;
                codeCounts[f] = info.CodeCount;
                inputScales[f] = 1;
                var none = (double)weights[slot + info.Levels.Count] * scales[slot + info.Levels.Count];
                for (var code = 0; code < info.Levels.Count; code++)
                    inputWeights.Add((double)weights[slot + code] * scales[slot + code]);
                // Other and unseen codes, then the missing column: all light the no-level slot.
                inputWeights.AddRange([none, none, none]);
                slot += info.Levels.Count + 1;
                continue;
            }
            medians[f] = info.MissingAs;
            inputScales[f] = scales[slot] == 0 ? 1 : 1 / (double)scales[slot];
            inputWeights.Add(scales[slot] == 0 ? 0 : weights[slot]);
            inputWeights.Add((double)weights[slot + 1] * scales[slot + 1]);
            slot += 2;
        }
        var encoding = new LinearEncoding
        {
            Offsets = offsets, Medians = medians, Means = means, Scales = inputScales, IsCategorical = categorical, CodeCounts = codeCounts,
            InputCount = inputWeights.Count,
        };
        return new LogisticModel { Encoding = encoding, Intercept = bias, Weights = inputWeights };
    }
}
