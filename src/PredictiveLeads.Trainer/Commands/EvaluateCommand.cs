using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Trainer.Output;

namespace PredictiveLeads.Trainer.Commands;

/// <summary><c>evaluate</c>: every metric of each outcome of a bundle on a labelled CSV file.</summary>
internal static class EvaluateCommand
{
    private static readonly Option<DirectoryInfo> Model = new("--model") { Description = "Bundle directory written by train.", Required = true };
    private static readonly Option<FileInfo> Data = new("--data") { Description = "Labelled CSV file (must hold at least one outcome column of the bundle).", Required = true };
    private static readonly Option<double> Threshold = new("--threshold") { Description = "Probability at or above which a lead counts as predicted positive.", DefaultValueFactory = _ => 0.5 };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the metrics as JSON." };
    private static readonly Option<bool> AllowMissingColumns = new("--allow-missing-columns") { Description = "Score a file that lacks more than half of the columns the models read (they are treated as missing)." };
    private static readonly Option<int> Threads = new("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };

    public static Command Create()
    {
        var command = new Command("evaluate", "Evaluate a bundle on labelled data: AUC, average precision, log loss, Brier, calibration, gains, capture, confusion matrix.");
        foreach (var option in new Option[] { Model, Data, Threshold, Json, Threads, AllowMissingColumns })
            command.Options.Add(option);
        command.SetAction((parse, _) => Task.FromResult(Run(parse)));
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var threshold = parse.GetValue(Threshold);
        if (threshold is < 0 or > 1 || double.IsNaN(threshold))
            throw new UsageException($"--threshold must be between 0 and 1, not {threshold}");
        var bundleDirectory = parse.GetValue(Model)!.FullName;
        var bundle = ModelBundle.Load(bundleDirectory);
        var dataPath = parse.GetValue(Data)!.FullName;
        var header = Learning.Data.CsvTableReader.ReadHeader(dataPath);
        var present = bundle.Outcomes.Where(header.Contains).ToList();
        if (present.Count == 0)
            throw new Learning.Data.DataFormatException($"{dataPath}: none of the bundle's outcome columns ({string.Join(", ", bundle.Outcomes)}) is in the file");
        var idColumn = bundle.Manifest.IdColumn;
        var table = BundleInput.Read(bundle, dataPath, [.. present, .. idColumn is null ? Array.Empty<string>() : [idColumn]], parse.GetValue(AllowMissingColumns));
        var notes = new List<string>();
        if (TrainedOn(bundleDirectory, idColumn, table) is { } overlap)
            notes.Add(overlap);
        var scores = BundleScorer.Score(bundle, table, parse.GetValue(Threads), notes);

        var evaluations = new List<(string Outcome, ClassifierEvaluation Evaluation)>();
        foreach (var (outcome, probabilities) in scores.Where(s => present.Contains(s.Outcome)))
        {
            var labels = BinaryLabel.Read(table, outcome);
            var (rows, _, _) = BinaryLabel.LabelledRows(table, outcome, labels);
            evaluations.Add((outcome, ClassifierEvaluation.Compute([.. rows.Select(r => probabilities[r])], [.. rows.Select(r => labels[r])], threshold)));
        }

        var output = parse.InvocationConfiguration.Output;
        foreach (var note in notes.Distinct())
            parse.InvocationConfiguration.Error.WriteLine($"warning: {note}");
        if (parse.GetValue(Json))
        {
            var json = new JsonObject();
            foreach (var (outcome, evaluation) in evaluations)
                json[outcome] = JsonSerializer.SerializeToNode(evaluation, JsonOutput.Indented);
            output.WriteLine(json.ToJsonString(JsonOutput.Indented));
        }
        else
        {
            foreach (var (outcome, evaluation) in evaluations)
                EvaluationReport.Write(output, outcome, dataPath, evaluation);
        }
        return CommandLine.Success;
    }

    /// <summary>A warning when rows of the file were used to train the bundle (by id): their metrics flatter the model.</summary>
    private static string? TrainedOn(string bundleDirectory, string? idColumn, Learning.Data.DataTable table)
    {
        if (idColumn is null || table.Find(idColumn) is not { } ids || TrainingIds.Load(bundleDirectory) is not { } trained)
            return null;
        var overlap = Enumerable.Range(0, table.RowCount).Count(r => !ids.IsMissing(r) && trained.Contains(ids.FormatValue(r)));
        return overlap == 0 ? null
            : $"{overlap:N0} of the {table.RowCount:N0} rows ({100.0 * overlap / table.RowCount:F0}%) were used to train this bundle (matched by {idColumn}); " +
              "their metrics flatter the model: evaluate on leads it has not seen, such as the test leads in its report";
    }
}
