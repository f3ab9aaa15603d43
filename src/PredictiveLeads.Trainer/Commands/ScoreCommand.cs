using System.CommandLine;
using System.Globalization;
using System.Text;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Serialization;

namespace PredictiveLeads.Trainer.Commands;

/// <summary><c>score</c>: writes a calibrated probability for every row of a CSV file.</summary>
internal static class ScoreCommand
{
    private static readonly Option<DirectoryInfo> Model = new("--model") { Description = "Model directory written by train.", Required = true };
    private static readonly Option<FileInfo> Data = new("--data") { Description = "CSV file of leads to score.", Required = true };
    private static readonly Option<FileInfo> Out = new("--out") { Description = "CSV file the scores are written to.", Required = true };
    private static readonly Option<int> Threads = new("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };

    public static Command Create()
    {
        var command = new Command("score", "Score every row of a CSV file: id (or row number) and <label>_probability.");
        command.Options.Add(Model);
        command.Options.Add(Data);
        command.Options.Add(Out);
        command.Options.Add(Threads);
        command.SetAction((parse, _) => Task.FromResult(Run(parse)));
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var threads = parse.GetValue(Threads);
        if (threads is < 1 or > 256)
            throw new UsageException($"--threads must be between 1 and 256, not {threads}");
        var model = ModelDirectory.Load(parse.GetValue(Model)!.FullName);
        var dataPath = parse.GetValue(Data)!.FullName;
        var outPath = parse.GetValue(Out)!.FullName;
        var notes = new List<string>();
        var keep = model.IdColumn is null ? Array.Empty<string>() : [model.IdColumn];
        var (table, features) = ScoringInput.Read(model, dataPath, keep, notes);
        var probabilities = model.PredictProbabilities(features, threads);
        var ids = model.IdColumn is null ? null : table.Find(model.IdColumn);
        if (model.IdColumn is not null && ids is null)
            notes.Add($"the id column '{model.IdColumn}' is not in {dataPath}; rows are numbered instead");

        AtomicFile.Write(outPath, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(CsvText.Quote(ids?.Name ?? "row"));
            writer.Write(',');
            writer.Write(CsvText.Quote(model.Label + "_probability"));
            writer.Write('\n');
            for (var row = 0; row < probabilities.Length; row++)
            {
                writer.Write(ids is null ? (row + 1).ToString(CultureInfo.InvariantCulture) : CsvText.Quote(ids.FormatValue(row)));
                writer.Write(',');
                writer.Write(probabilities[row].ToString("R", CultureInfo.InvariantCulture));
                writer.Write('\n');
            }
        });
        var error = parse.InvocationConfiguration.Error;
        foreach (var note in notes)
            error.WriteLine($"warning: {note}");
        parse.InvocationConfiguration.Output.WriteLine($"Scored {probabilities.Length:N0} rows into {outPath}");
        return CommandLine.Success;
    }
}
