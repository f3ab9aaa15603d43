using System.Collections.Immutable;
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;
using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Common;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>
/// What a saved ML.NET model holds that our scorer needs: the input schema, the learner (a tree ensemble, or a linear
/// model with the scales of its inputs) and the calibration.
/// </summary>
public sealed record LoadedModelFile(DataViewSchema InputSchema, Calibrator Calibrator, int FeatureSlots)
{
    public RegressionTreeEnsemble? Trees { get; init; }

    public LinearBinaryModelParameters? Linear { get; init; }

    /// <summary>For a linear model: the scale of each input slot.</summary>
    public ImmutableArray<float> Scales { get; init; }

    /// <summary>
    /// The file chains two models (see <see cref="ModelFile.Chain"/>): its <c>Probability</c> is the first model's times the
    /// last model's, and the trees, calibrator and features above are the last model's.
    /// </summary>
    public bool Chained { get; init; }
}

/// <summary>
/// Writes and reads <c>.mlnet.zip</c> model files: the whole pipeline from raw fields to the calibrated
/// <c>Probability</c> column, saved with its input schema, as <c>MLContext.Model.Save</c> writes it — but
/// byte-stable: the archive is rewritten with a fixed timestamp so the same model always gives the same bytes.
/// </summary>
public static class ModelFile
{
    /// <summary>The file name suffix of ML.NET model files in a bundle.</summary>
    public const string Extension = ".mlnet.zip";

    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Saves <paramref name="model"/> (raw fields → Probability) with <paramref name="inputSchema"/>, byte-stably.</summary>
    public static byte[] ToBytes(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        using var saved = new MemoryStream();
        ml.Model.Save(model, inputSchema, saved);
        return Normalize(saved.ToArray());
    }

    /// <summary>
    /// One model file that scores the later of two nested outcomes as the product P(earlier) × P(later | earlier):
    /// the earlier outcome's whole pipeline, its probability copied aside, then the conditional model's pipeline, whose
    /// probability is multiplied by the copy. Its input schema has the columns of both. Both pipelines name their
    /// columns alike; each of the conditional model's steps reads the newest column of a name, so its own.
    /// </summary>
    public static byte[] Chain(byte[] earlier, byte[] conditional)
    {
        var ml = new MLContext(0);
        var first = ml.Model.Load(new MemoryStream(earlier), out var firstInputs);
        var second = ml.Model.Load(new MemoryStream(conditional), out var secondInputs);
        var inputs = new InputSchemaView(firstInputs, secondInputs);
        var afterFirst = first.Transform(inputs);
        var copy = ml.Transforms.CopyColumns(EarlierProbabilityColumn, ProbabilityColumn).Fit(afterFirst);
        var afterSecond = second.Transform(copy.Transform(afterFirst));
        var product = ml.Transforms.Expression(ProbabilityColumn, "(earlier, conditional) => earlier * conditional", EarlierProbabilityColumn, ProbabilityColumn)
            .Fit(afterSecond);
        return ToBytes(ml, new TransformerChain<ITransformer>(first, copy, second, product), inputs.Schema);
    }

    /// <summary>The column of a model's calibrated probability.</summary>
    public const string ProbabilityColumn = "Probability";

    /// <summary>In a chained model file: the earlier outcome's probability, kept beside the conditional model's columns.</summary>
    public const string EarlierProbabilityColumn = "pl:earlier:Probability";

    /// <summary>The same archive with every entry's time fixed, in the same order, recompressed.</summary>
    private static byte[] Normalize(byte[] zip)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    /// <summary>
    /// Loads an ML.NET model file and finds its tree ensemble and calibrator. Anything else — not a zip, not an
    /// ML.NET model, a model without trees or without one of our calibrators — is refused naming the file.
    /// </summary>
    public static LoadedModelFile Load(byte[] bytes, string source)
    {
        var ml = new MLContext(0);
        ITransformer model;
        DataViewSchema inputSchema;
        try
        {
            model = ml.Model.Load(new MemoryStream(bytes), out inputSchema);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException or IOException
                                      or ArgumentException or NotSupportedException or KeyNotFoundException)
        {
            throw new ModelFormatException($"{source}: not a readable ML.NET model file ({e.Message}); expected the {Extension} written by train", e);
        }
        var transformers = Steps(model).ToArray();
        var learners = transformers.OfType<ISingleFeaturePredictionTransformer<object>>()
            .Select(t => (t.Model as CalibratedModelParametersBase)?.SubModel)
            .Where(m => m is TreeEnsembleModelParametersBasedOnRegressionTree or LinearBinaryModelParameters).ToList();
        var chained = learners.Count > 1;
        var learner = learners.LastOrDefault()
            ?? throw new ModelFormatException($"{source}: the ML.NET model holds no boosted trees (LightGBM or FastTree) or logistic regression; expected the {Extension} written by train");
        var scales = transformers.OfType<NormalizingTransformer>().LastOrDefault()?.GetNormalizerModelParameters(0)
            is NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> affine ? affine.Scale : default;
        if (learner is LinearBinaryModelParameters && scales.IsDefault)
            throw new ModelFormatException($"{source}: the ML.NET logistic regression has no scaling of its inputs; expected the {Extension} written by train");
        // A chained file ends with the product of the two probabilities; any other ends with its calibrator.
        var last = chained ? transformers.OfType<ISingleFeaturePredictionTransformer<object>>().LastOrDefault() : transformers.LastOrDefault() as ISingleFeaturePredictionTransformer<object>;
        var calibrator = last is null ? null : Calibration(last.Model);
        if (calibrator is null)
            throw new ModelFormatException($"{source}: the ML.NET model does not end with a Platt or isotonic calibrator; expected the {Extension} written by train");
        int slots;
        try
        {
            slots = (model.GetOutputSchema(inputSchema)[Featurizer.FeaturesColumn].Type as VectorDataViewType)?.Size ?? 0;
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ModelFormatException($"{source}: the ML.NET model has no '{Featurizer.FeaturesColumn}' column; expected the {Extension} written by train", e);
        }
        return new LoadedModelFile(inputSchema, calibrator, slots)
        {
            Trees = (learner as TreeEnsembleModelParametersBasedOnRegressionTree)?.TrainedTreeEnsemble,
            Linear = learner as LinearBinaryModelParameters,
            Scales = scales,
            Chained = chained,
        };
    }

    /// <summary>The steps of a model, with chains inside it opened up.</summary>
    private static IEnumerable<ITransformer> Steps(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Steps) : [model];

    /// <summary>Our calibrator for the ML.NET one, evaluated the same way.</summary>
    public static Calibrator? Calibration(object? calibrator) => calibrator switch
    {
        // ML.NET's Platt: 1 / (1 + exp(slope · score + offset)).
        PlattCalibrator platt => new Calibrator { Method = CalibrationMethod.Platt, Slope = -platt.Slope, Intercept = -platt.Offset },
        IsotonicCalibrator isotonic => new Calibrator
        {
            Method = CalibrationMethod.Isotonic,
            BlockStarts = [.. isotonic.Mins.Select(m => (double)m)],
            Margins = [.. isotonic.Maxes.Select(m => (double)m)],
            Probabilities = [.. isotonic.Values.Select(v => (double)v)],
        },
        _ => null,
    };
}
