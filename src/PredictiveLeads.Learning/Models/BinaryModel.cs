using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Linear;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Models;

/// <summary>
/// A complete binary classifier: the fitted preprocessing, one learner (boosted trees or logistic
/// regression) and a calibrator; for trees trained through ML.NET, also the ML.NET model file they came from. Scores raw rows or feature matrices as calibrated probabilities.
/// </summary>
public sealed class BinaryModel
{
    public required string Label { get; init; }

    /// <summary>The identifier column of the training data, if any; scoring output is keyed by it.</summary>
    public string? IdColumn { get; init; }

    public required FeaturePipeline Pipeline { get; init; }

    public TreeEnsemble? Ensemble { get; init; }

    public LogisticModel? Logistic { get; init; }

    public required Calibrator Calibrator { get; init; }

    /// <summary>The settings it was trained with, as name → value text, for the record.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public required LearnerKind Learner { get; init; }

    /// <summary>
    /// For learners trained through ML.NET: the model file (<c>.mlnet.zip</c>), the pipeline from raw fields to the
    /// calibrated probability that <see cref="Ensemble"/> and <see cref="Calibrator"/> were compiled from.
    /// </summary>
    public byte[]? ModelFile { get; init; }

    /// <summary>
    /// The model file gives more than this model's probability: it chains an earlier outcome's model before this one and
    /// multiplies the two.
    /// </summary>
    public bool ModelFileChained { get; init; }

    /// <summary>The same model with a model file that chains an earlier outcome's model before it.</summary>
    public BinaryModel WithChainedModelFile(byte[] modelFile) => new()
    {
        Label = Label, IdColumn = IdColumn, Pipeline = Pipeline, Ensemble = Ensemble, Logistic = Logistic, Calibrator = Calibrator,
        Parameters = Parameters, Learner = Learner, ModelFile = modelFile, ModelFileChained = true,
    };

    public int FeatureCount => Pipeline.Features.Count;

    /// <summary>The uncalibrated margin (log-odds) of one row of features. Allocates nothing for trees.</summary>
    public double PredictMargin(ReadOnlySpan<double> features) =>
        Ensemble is not null ? Ensemble.Flat.PredictMargin(features) : Logistic!.PredictMargin(features);

    /// <summary>The calibrated probability of one row of features.</summary>
    public double PredictProbability(ReadOnlySpan<double> features) => Calibrator.Probability(PredictMargin(features));

    /// <summary>Margins of every row, computed in parallel over fixed chunks of rows.</summary>
    public double[] PredictMargins(FeatureMatrix matrix, int threads = 0)
    {
        var margins = new double[matrix.RowCount];
        // Small chunks keep both threads busy to the end of a batch; each chunk is walked in blocks of rows.
        const int chunk = 1024;
        var chunks = (matrix.RowCount + chunk - 1) / chunk;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, chunks, parallel, c =>
        {
            var start = c * chunk;
            var count = Math.Min(chunk, matrix.RowCount - start);
            PredictMargins(matrix, start, count, margins.AsSpan(start, count));
        });
        return margins;
    }

    /// <summary>
    /// Calibrated probabilities of every row of a raw table, computed in parallel a block of rows at a time:
    /// features are computed into small per-thread buffers, never for the whole table at once.
    /// </summary>
    public double[] PredictProbabilities(DataTable table, int threads = 0, List<string>? notes = null)
    {
        var features = new TableFeatures(Pipeline, table, notes);
        var probabilities = new double[table.RowCount];
        const int chunk = 1024;
        var chunks = (table.RowCount + chunk - 1) / chunk;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, chunks, parallel, () => Buffers(chunk), (c, _, buffer) =>
        {
            var start = c * chunk;
            var count = Math.Min(chunk, table.RowCount - start);
            features.Write(start, count, buffer);
            var output = probabilities.AsSpan(start, count);
            PredictMargins(new FeatureMatrix(Pipeline.Features, buffer, count), 0, count, output);
            for (var r = 0; r < count; r++)
                output[r] = Calibrator.Probability(output[r]);
            return buffer;
        }, _ => { });
        return probabilities;
    }

    /// <summary>Margins of rows [start, start + count) of <paramref name="matrix"/>, by whichever learner the model has.</summary>
    private void PredictMargins(FeatureMatrix matrix, int start, int count, Span<double> output)
    {
        if (Ensemble is not null)
        {
            Ensemble.Flat.PredictMargins(matrix, start, count, output);
            return;
        }
        var row = new double[matrix.FeatureCount];
        for (var r = 0; r < count; r++)
        {
            matrix.CopyRow(start + r, row);
            output[r] = Logistic!.PredictMargin(row);
        }
    }

    private double[][] Buffers(int rows)
    {
        var buffers = new double[FeatureCount][];
        for (var f = 0; f < buffers.Length; f++)
            buffers[f] = new double[rows];
        return buffers;
    }

    /// <summary>Calibrated probabilities of every row, computed in parallel.</summary>
    public double[] PredictProbabilities(FeatureMatrix matrix, int threads = 0)
    {
        var margins = PredictMargins(matrix, threads);
        for (var i = 0; i < margins.Length; i++)
            margins[i] = Calibrator.Probability(margins[i]);
        return margins;
    }
}
