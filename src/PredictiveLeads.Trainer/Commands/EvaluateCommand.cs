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
    private static readonly Option<int> Threads = new("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };

    public static Command Create()
    {
        var command = new Command("evaluate", "Evaluate a bundle on labelled data: AUC, average precision, log loss, Brier, calibration, gains, capture, confusion matrix.");
        foreach (var option in new Option[] { Model, Data, Threshold, Json, Threads })
            command.Options.Add(option);
        command.SetAction((parse, _) => Task.FromResult(Run(parse)));
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var threshold = parse.GetValue(Threshold);
        if (threshold is < 0 or > 1 || double.IsNaN(threshold))
            throw new UsageException($"--threshold must be between 0 and 1, not {threshold}");
        var bundle = ModelBundle.Load(parse.GetValue(Model)!.FullName);
        var dataPath = parse.GetValue(Data)!.FullName;
        var header = Learning.Data.CsvTableReader.ReadHeader(dataPath);
        var present = bundle.Outcomes.Where(header.Contains).ToList();
        if (present.Count == 0)
            throw new Learning.Data.DataFormatException($"{dataPath}: none of the bundle's outcome columns ({string.Join(", ", bundle.Outcomes)}) is in the file");
        var table = BundleInput.Read(bundle, dataPath, present);
        var notes = new List<string>();
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
}
