using System.CommandLine;
using System.Globalization;
using System.Text;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Scoring.Bundles;

namespace PredictiveLeads.Trainer.Commands;

/// <summary><c>score</c>: writes each outcome's calibrated probability for every row of a CSV file.</summary>
internal static class ScoreCommand
{
    private static readonly Option<DirectoryInfo> Model = new("--model") { Description = "Bundle directory written by train.", Required = true };
    private static readonly Option<FileInfo> Data = new("--data") { Description = "CSV file of leads to score.", Required = true };
    private static readonly Option<FileInfo> Out = new("--out") { Description = "CSV file the scores are written to.", Required = true };
    private static readonly Option<bool> AllowMissingColumns = new("--allow-missing-columns") { Description = "Score a file that lacks more than half of the columns the models read (they are treated as missing)." };
    private static readonly Option<int> Threads = new("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };

    public static Command Create()
    {
        var command = new Command("score", "Score every row of a CSV file: the id (or row number), then <outcome>_probability for each outcome of the bundle.");
        command.Options.Add(Model);
        command.Options.Add(Data);
        command.Options.Add(Out);
        command.Options.Add(Threads);
        command.Options.Add(AllowMissingColumns);
        command.SetAction((parse, _) => Task.FromResult(Run(parse)));
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var threads = parse.GetValue(Threads);
        if (threads is < 1 or > 256)
            throw new UsageException($"--threads must be between 1 and 256, not {threads}");
        var bundle = ModelBundle.Load(parse.GetValue(Model)!.FullName);
        var dataPath = parse.GetValue(Data)!.FullName;
        var outPath = parse.GetValue(Out)!.FullName;
        var notes = new List<string>();
        var idColumn = bundle.Manifest.IdColumn;
        var table = BundleInput.Read(bundle, dataPath, idColumn is null ? [] : [idColumn], parse.GetValue(AllowMissingColumns), threads);
        var scores = BundleScorer.Score(bundle, table, threads, notes);
        var ids = idColumn is null ? null : table.Find(idColumn);
        if (idColumn is not null && ids is null)
            notes.Add($"the id column '{idColumn}' is not in {dataPath}; rows are numbered instead");

        AtomicFile.Write(outPath, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(CsvText.Quote(ids?.Name ?? "row"));
            foreach (var (outcome, _) in scores)
                writer.Write("," + CsvText.Quote(outcome + "_probability"));
            writer.Write('\n');
            for (var row = 0; row < table.RowCount; row++)
            {
                writer.Write(ids is null ? (row + 1).ToString(CultureInfo.InvariantCulture) : CsvText.Quote(ids.FormatValue(row)));
                foreach (var (_, probabilities) in scores)
                {
                    writer.Write(',');
                    writer.Write(probabilities[row].ToString("R", CultureInfo.InvariantCulture));
                }
                writer.Write('\n');
            }
        });
        foreach (var note in notes.Distinct())
            parse.InvocationConfiguration.Error.WriteLine($"warning: {note}");
        parse.InvocationConfiguration.Output.WriteLine($"Scored {table.RowCount:N0} rows for {string.Join(", ", scores.Select(s => s.Outcome))} into {outPath}");
        return CommandLine.Success;
    }
}
