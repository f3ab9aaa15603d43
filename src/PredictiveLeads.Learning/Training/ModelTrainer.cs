using System.Diagnostics;
using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Explain;
using PredictiveLeads.Learning.Linear;
using PredictiveLeads.Learning.MLNet;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Training;

/// <summary>
/// Trains a <see cref="BinaryModel"/> from a table: holds out a stratified share of labelled rows, fits the
/// preprocessing and the learner on the rest, stops early and calibrates on the held-out rows.
/// </summary>
public sealed class ModelTrainer(TrainingOptions options)
{
    /// <summary>Called with a step name and progress in [0, 1].</summary>
    public Action<string, double>? Progress { get; init; }

    /// <summary>Trains on a seeded stratified split of the labelled rows: <see cref="TrainingOptions.ValidationShare"/> held out.</summary>
    public TrainingResult Train(DataTable table, CancellationToken cancellation = default)
    {
        var labels = BinaryLabel.Read(table, options.Label);
        var (labelled, _, _) = BinaryLabel.LabelledRows(table, options.Label, labels);
        var (fitRows, validationRows) = DataSplit.Stratified(labelled, labels, options.ValidationShare, options.Boosting.Seed);
        return Train(table, fitRows, validationRows, table.RowCount - labelled.Length, cancellation);
    }

    /// <summary>
    /// Trains on <paramref name="fitRows"/>, stopping early and calibrating on <paramref name="validationRows"/>
    /// (rows without a label are skipped in both). The caller decides the split, e.g. by time.
    /// </summary>
    public TrainingResult Train(DataTable table, int[] fitRows, int[] validationRows, CancellationToken cancellation = default) =>
        Train(table, fitRows, validationRows, 0, cancellation);

    private TrainingResult Train(DataTable table, int[] fitRows, int[] validationRows, int unlabelled, CancellationToken cancellation)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var timings = new Dictionary<string, double>();
        var notes = new List<string>();

        var labels = BinaryLabel.Read(table, options.Label);
        var given = fitRows.Length + validationRows.Length;
        fitRows = [.. fitRows.Where(r => !double.IsNaN(labels[r]))];
        validationRows = [.. validationRows.Where(r => !double.IsNaN(labels[r]))];
        unlabelled += given - fitRows.Length - validationRows.Length;
        if (unlabelled > 0)
            notes.Add($"{unlabelled} rows have no value in '{options.Label}' and were not used");
        CheckBothClasses(table, fitRows, labels, "training");
        CheckBothClasses(table, validationRows, labels, "validation");

        var inputs = InputColumns(table);
        var pipeline = FeaturePipeline.Fit(table, inputs, fitRows, options.MissingTokens, options.Preprocessing, notes);
        if (pipeline.Features.Count == 0)
            throw new DataFormatException($"{table.Source}: no usable feature columns are left (every column is the label, the id, ignored, or carries no information)");
        var fitLabels = Gather(labels, fitRows);
        var validationLabels = Gather(labels, validationRows);
        var features = new TableFeatures(pipeline, table);
        var validation = features.Gather(validationRows);
        timings["prepare"] = Lap(clock);

        // Permutation importance is measured on at most this many held-out rows.
        var importanceRows = validation.Select([.. Enumerable.Range(0, Math.Min(validationRows.Length, ImportanceSampleRows))]);
        var importanceLabels = validationLabels[..importanceRows.RowCount];
        // The learner reads the features a block of rows at a time; the whole table's features are never held.
        var step = options.Learner.GrowsTrees() ? "Growing trees" : "Fitting";
        Progress?.Invoke(step, 0);
        var trained = new MLNetLearner(options).Train(pipeline, features, fitRows, validationRows, labels, validation, validationLabels);
        Progress?.Invoke(step, 1);
        timings["fit"] = Lap(clock);
        var validationMargins = trained.ValidationMargins;
        var trees = trained.Ensemble?.Trees.Count ?? 0;
        var stoppedEarly = trained.Ensemble is not null && options.Boosting.EarlyStoppingRounds > 0 && trees < options.Boosting.Trees;
        var model = Build(pipeline, trained.Ensemble, trained.Logistic, trained.Calibrator, trained.ModelFile);

        var probabilities = new double[validationMargins.Length];
        for (var i = 0; i < probabilities.Length; i++)
            probabilities[i] = model.Calibrator.Probability(validationMargins[i]);
        var evaluation = ClassifierEvaluation.Compute(probabilities, validationLabels);
        timings["calibrate"] = Lap(clock);
        var importance = Importance(model, importanceRows, importanceLabels);
        timings["importance"] = Lap(clock);
        return new TrainingResult
        {
            Model = model, TrainingRows = fitRows.Length, ValidationRows = validationRows.Length, UnlabelledRows = unlabelled,
            Trees = trees, StoppedEarly = stoppedEarly, Validation = evaluation, Importance = importance, Notes = notes,
            Timings = timings,
        };
    }

    private const int ImportanceSampleRows = 10_000;

    private IReadOnlyList<FeatureImportanceRow> Importance(BinaryModel model, FeatureMatrix rows, double[] labels)
    {
        var gain = model.Ensemble is null ? new double[model.FeatureCount] : FeatureImportance.Gain(model.Ensemble);
        var drops = FeatureImportance.Permutation(rows, labels, m => model.PredictMargins(m, options.Boosting.Threads), options.Boosting.Seed);
        return [.. model.Pipeline.Features.Select((f, i) => new FeatureImportanceRow(f.Name, gain[i], drops[i]))
            .OrderByDescending(r => r.PermutationAucDrop).ThenByDescending(r => r.GainShare).ThenBy(r => r.Feature, StringComparer.Ordinal)];
    }

    private List<string> InputColumns(DataTable table)
    {
        var excluded = new HashSet<string>(options.Ignore, StringComparer.Ordinal) { options.Label };
        if (options.IdColumn is not null)
            excluded.Add(options.IdColumn);
        return [.. table.Columns.Select(c => c.Name).Where(name => !excluded.Contains(name))];
    }

    private BinaryModel Build(FeaturePipeline pipeline, TreeEnsemble? ensemble, LogisticModel? logistic, Calibrator calibrator, byte[]? modelFile = null) => new()
    {
        Label = options.Label,
        Learner = options.Learner,
        IdColumn = options.IdColumn,
        Pipeline = pipeline,
        Ensemble = ensemble,
        Logistic = logistic,
        Calibrator = calibrator,
        Parameters = ModelSettings.Recorded(options),
        ModelFile = modelFile,
    };

    private void CheckBothClasses(DataTable table, int[] rows, double[] labels, string part)
    {
        var positives = rows.Count(r => labels[r] > 0.5);
        if (positives == 0 || positives == rows.Length)
            throw new DataFormatException($"{table.Source}: column '{options.Label}': the {part} part has only {(positives == 0 ? "0s" : "1s")}; a model needs rows of both outcomes in each part");
    }

    private static double[] Gather(double[] values, int[] rows)
    {
        var result = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
            result[i] = values[rows[i]];
        return result;
    }

    private static double Lap(Stopwatch clock)
    {
        var seconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return seconds;
    }
}
