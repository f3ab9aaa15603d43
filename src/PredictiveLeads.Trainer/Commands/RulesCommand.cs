using System.CommandLine;
using System.Globalization;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Rules;

namespace PredictiveLeads.Trainer.Commands;

/// <summary><c>rules check</c>: a points-rules file against an export, before training compares a model with it.</summary>
internal static class RulesCommand
{
    private static readonly Option<FileInfo> Rules = new("--rules") { Description = "Points-rules JSON file.", Required = true };
    private static readonly Option<FileInfo> Data = new("--data") { Description = "CSV export the rules will score.", Required = true };
    private static readonly Option<string[]> Missing = new("--missing") { Description = "Extra tokens meaning 'missing' (e.g. Select), comma-separated.", AllowMultipleArgumentsPerToken = true };

    public static Command Create()
    {
        var check = new Command("check", "Check a rules file against an export: fields it lacks, rules that never fire, and how many leads each rule fires on. Exit 1 when a field is missing or a rule never fires.");
        check.Options.Add(Rules);
        check.Options.Add(Data);
        check.Options.Add(Missing);
        check.SetAction((parse, _) => Task.FromResult(Check(parse)));
        var command = new Command("rules", "Work with points-rules files.");
        command.Subcommands.Add(check);
        return command;
    }

    private static int Check(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        var rulesPath = parse.GetValue(Rules)!.FullName;
        var dataPath = parse.GetValue(Data)!.FullName;
        var rules = PointsRules.Load(rulesPath);
        var header = CsvTableReader.ReadHeader(dataPath);
        var unknown = RulesCheck.UnknownFields(rules, header);
        if (unknown.Count > 0)
        {
            output.WriteLine($"{rulesPath}: {unknown.Count} field(s) the rules read are not in {dataPath}: {string.Join(", ", unknown)}");
            output.WriteLine($"  the export's columns: {string.Join(", ", header)}");
            return CommandLine.DataError;
        }
        var fields = rules.Fields().ToHashSet(StringComparer.Ordinal);
        var table = CsvTableReader.Read(dataPath, new CsvReadOptions
        {
            MissingTokens = OptionParsing.List(parse.GetValue(Missing)),
            SkipColumns = header.Where(h => !fields.Contains(h)).ToHashSet(StringComparer.Ordinal),
        });
        var result = RulesCheck.Run(rules, table);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{rules.Name} on {result.Leads:N0} leads of {dataPath}: {result.Mqls:N0} MQLs ({100.0 * result.Mqls / result.Leads:F1}%), {result.Sqls:N0} SQLs ({100.0 * result.Sqls / result.Leads:F1}%)"));
        var ruleWidth = result.Firings.Max(f => f.Rule.Length);
        var fieldWidth = result.Firings.Max(f => f.Field.Length);
        foreach (var firing in result.Firings)
        {
            var verdict = firing.Leads == 0 ? "   NEVER FIRES: check the field's values and the condition" : "";
            output.WriteLine(string.Create(c, $"  {firing.Rule.PadRight(ruleWidth)}  {firing.Field.PadRight(fieldWidth)} {firing.Leads,9:N0} leads {100 * firing.Share,6:F1}%{verdict}"));
        }
        foreach (var note in table.ReadingNotes)
            output.WriteLine($"  note: {note}");
        return result.Passed ? CommandLine.Success : CommandLine.DataError;
    }
}
