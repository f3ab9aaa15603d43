using System.CommandLine;
using System.Text;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Scoring.SampleData;

namespace PredictiveLeads.Trainer.Commands;

/// <summary><c>sample-data</c>: writes realistic synthetic leads with known MQL and SQL outcomes.</summary>
internal static class SampleDataCommand
{
    private static readonly Option<int> Rows = new("--rows") { Description = "Number of leads.", DefaultValueFactory = _ => 20_000 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed; the same rows and seed give the same file.", DefaultValueFactory = _ => 1 };
    private static readonly Option<FileInfo> Out = new("--out") { Description = "CSV file to write.", Required = true };

    public static Command Create()
    {
        var command = new Command("sample-data", "Write synthetic B2B leads (firmographics, engagement, became_mql, became_sql) to a CSV file.");
        command.Options.Add(Rows);
        command.Options.Add(Seed);
        command.Options.Add(Out);
        command.SetAction((parse, _) => Task.FromResult(Run(parse)));
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var rows = parse.GetValue(Rows);
        if (rows is < 1 or > 50_000_000)
            throw new UsageException($"--rows must be between 1 and 50000000, not {rows}");
        var path = parse.GetValue(Out)!.FullName;
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            SampleLeadGenerator.Write(writer, rows, parse.GetValue(Seed));
        });
        parse.InvocationConfiguration.Output.WriteLine($"Wrote {rows:N0} leads to {path}");
        return CommandLine.Success;
    }
}
