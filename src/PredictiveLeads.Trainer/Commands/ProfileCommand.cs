using System.CommandLine;
using System.Globalization;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Scoring.Profiling;

namespace PredictiveLeads.Trainer.Commands;

/// <summary><c>profile</c>: a first look at an export, and a draft schema for the analyst to review before training.</summary>
internal static class ProfileCommand
{
    private static readonly Option<FileInfo> Data = new("--data") { Description = "CSV export to profile.", Required = true };
    private static readonly Option<string[]> Label = new("--label") { Description = "Outcome column(s), comma-separated: each column's AUC against them is shown.", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<FileInfo?> SchemaOut = new("--schema-out") { Description = "Write a draft schema (JSON with comments) proposing each column's role." };
    private static readonly Option<int> Threads = new("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };

    public static Command Create()
    {
        var command = new Command("profile", "Profile an export: each column's kind, missing share, levels, examples and AUC against each label (alone and by missingness); optionally draft a schema.");
        foreach (var option in new Option[] { Data, Label, SchemaOut, Threads })
            command.Options.Add(option);
        command.SetAction((parse, _) => Task.FromResult(Run(parse)));
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        var path = parse.GetValue(Data)!.FullName;
        var labels = OptionParsing.List(parse.GetValue(Label));
        var header = CsvTableReader.ReadHeader(path);
        var unknown = labels.Where(l => !header.Contains(l)).ToList();
        if (unknown.Count > 0)
            throw new UsageException($"{path}: the label column(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))} are not in the header (columns: {string.Join(", ", header)})");
        var table = CsvTableReader.Read(path);
        var profile = ExportProfile.Build(table, labels, threads: parse.GetValue(Threads));
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{path}: {profile.Rows:N0} rows, {profile.Columns.Count} columns"));
        foreach (var note in profile.ReadingNotes)
            output.WriteLine($"  {note}");
        var width = profile.Columns.Max(p => p.Column.Length);
        foreach (var column in profile.Columns)
        {
            var kind = column.Kind.ToString().ToLowerInvariant() + (column.Format == ValueFormat.Standard ? "" : $" ({column.Format.Name()})");
            var signals = string.Join("; ", column.Signals.Select(s =>
                string.Create(c, $"{s.Label}: AUC {s.AucAlone:F3} alone{(s.AucByMissingness is { } m ? $", {m:F3} by missingness" : "")}")));
            output.WriteLine(string.Create(c,
                $"  {column.Column.PadRight(width)}  {kind,-24} {100 * column.MissingShare,5:F1}% missing {column.Levels,8:N0} levels  e.g. {string.Join(", ", column.Examples.Select(e => $"'{Shorten(e)}'"))}{(signals.Length > 0 ? "   " + signals : "")}"));
        }
        foreach (var role in profile.Identifiers.Concat(profile.Constant))
            output.WriteLine($"  not a feature: '{role.Column}', {role.Reason}");
        foreach (var role in profile.AfterContact)
            output.WriteLine($"  after-contact suspect: '{role.Column}', {role.Reason}");
        if (parse.GetValue(SchemaOut) is { } schemaOut)
        {
            AtomicFile.WriteAllText(schemaOut.FullName, DraftSchema.Write(profile));
            output.WriteLine($"Draft schema written to {schemaOut.FullName}: review it, then train with --schema {schemaOut.Name}");
        }
        return CommandLine.Success;
    }

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..21] + "...";
}
