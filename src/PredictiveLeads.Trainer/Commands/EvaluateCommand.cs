using System.CommandLine;
using System.Text.Json;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Trainer.Output;

namespace PredictiveLeads.Trainer.Commands;

/// <summary><c>evaluate</c>: every metric of a model on a labelled CSV file.</summary>
internal static class EvaluateCommand
{
    private static readonly Option<DirectoryInfo> Model = new("--model") { Description = "Model directory written by train.", Required = true };
    private static readonly Option<FileInfo> Data = new("--data") { Description = "Labelled CSV file (must hold the model's label column).", Required = true };
    private static readonly Option<double> Threshold = new("--threshold") { Description = "Probability at or above which a lead counts as predicted positive.", DefaultValueFactory = _ => 0.5 };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the metrics as JSON." };
    private static readonly Option<int> Threads = new("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };

    public static Command Create()
    {
        var command = new Command("evaluate", "Evaluate a model on labelled data: AUC, average precision, log loss, Brier, calibration, gains, capture, confusion matrix.");
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
        var model = ModelDirectory.Load(parse.GetValue(Model)!.FullName);
        var dataPath = parse.GetValue(Data)!.FullName;
        var notes = new List<string>();
        var (table, features) = ScoringInput.Read(model, dataPath, [model.Label], notes);
        var labels = BinaryLabel.Read(table, model.Label);
        var (rows, _, _) = BinaryLabel.LabelledRows(table, model.Label, labels);
        var probabilities = model.PredictProbabilities(features.Select(rows), parse.GetValue(Threads));
        var labelled = rows.Select(r => labels[r]).ToArray();
        var evaluation = ClassifierEvaluation.Compute(probabilities, labelled, threshold);

        var output = parse.InvocationConfiguration.Output;
        foreach (var note in notes)
            parse.InvocationConfiguration.Error.WriteLine($"warning: {note}");
        if (parse.GetValue(Json))
            output.WriteLine(JsonSerializer.Serialize(evaluation, JsonOutput.Indented));
        else
            EvaluationReport.Write(output, model.Label, dataPath, evaluation);
        return CommandLine.Success;
    }
}
