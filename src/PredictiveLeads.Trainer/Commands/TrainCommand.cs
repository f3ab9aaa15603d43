using System.CommandLine;
using System.Diagnostics;
using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Registry;
using PredictiveLeads.Scoring.Reports;
using PredictiveLeads.Scoring.Rules;
using PredictiveLeads.Scoring.Schema;
using PredictiveLeads.Scoring.Training;
using PredictiveLeads.Trainer.Output;

namespace PredictiveLeads.Trainer.Commands;

/// <summary>
/// <c>train</c>: reads a closed-outcome export, trains one calibrated model per outcome, judges each against the
/// points rules on held-out leads, and writes the bundle with its report to a directory.
/// </summary>
internal static class TrainCommand
{
    private static readonly SettingOptions<TrainingOptions> ModelOptions = new(ModelSettings.All, new TrainingOptions { Label = "" });
    private static readonly SettingOptions<BundleTrainingOptions> BundleOptions =
        new(BundleSettings.All, new BundleTrainingOptions { Schema = new ExportSchema(), Model = new TrainingOptions { Label = "" } });

    private static readonly Option<FileInfo> Data = new("--data") { Description = "Training CSV file (closed outcomes).", Required = true };
    private static readonly Option<string[]> Label = new("--label") { Description = "Outcome column(s), comma-separated (0/1, true/false or yes/no); one model each.", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<FileInfo?> SchemaFile = new("--schema") { Description = "JSON file naming column roles (id, accountId, createdAt, outcomes, ignore, afterContact, missing, kinds)." };
    private static readonly Option<string?> Id = new("--id") { Description = "Identifier column; not a feature, keys the scores." };
    private static readonly Option<string?> CreatedAt = new("--created-at") { Description = "Creation time column: the newest leads are held out for testing." };
    private static readonly Option<string?> Account = new("--account") { Description = "Account (company) id column; never a feature." };
    private static readonly Option<string[]> Ignore = new("--ignore") { Description = "Columns that are not features, comma-separated.", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string[]> Missing = new("--missing") { Description = "Extra tokens meaning 'missing' (e.g. Select,unknown), comma-separated.", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string[]> Keep = new("--keep") { Description = "Keep these leakage suspects as features anyway, comma-separated.", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<FileInfo?> RulesFile = new("--rules") { Description = "Points-rules JSON file to compare with (default: models/rules.default.json when its fields are in the data)." };
    private static readonly Option<bool> NoRules = new("--no-rules") { Description = "Do not compare with points rules." };
    private static readonly Option<string?> BaselineScore = new("--baseline-score") { Description = "The export's own manual score column (a HubSpot or Marketo score): the baseline the model is judged against, instead of points rules; not a feature unless kept with --keep." };
    private static readonly Option<double?> BaselineMqlAt = new("--baseline-mql-at") { Description = "The baseline score at which a lead is an MQL (default: the score that hands sales as many leads as there are positives)." };
    private static readonly Option<DirectoryInfo> Out = new("--out") { Description = "Directory the bundle is written to (without --registry).", DefaultValueFactory = _ => new DirectoryInfo("model") };
    private static readonly Option<DirectoryInfo?> RegistryRoot = new("--registry") { Description = "Publish as a new version in this model registry (e.g. models) instead of writing --out." };
    private static readonly Option<string> Name = new("--name") { Description = "Model name in the registry.", DefaultValueFactory = _ => "default" };
    private static readonly Option<bool> Shadow = new("--shadow")
    {
        Description = "With --registry: publish the new version as the challenger, scored beside the current version on live traffic and compared in monitoring, never answered (no promotion check: live traffic is the check). Promote it with POST /v1/models/NAME/VERSION/promote.",
    };
    private static readonly Option<bool> Force = new("--force") { Description = "Publish even if the new version tests worse than the current one." };
    private static readonly Option<int> Threads = new("--threads") { Description = "Worker threads (LightGBM's trees can differ between thread counts; the rest of the model does not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the report as JSON instead of the summary." };
    private static readonly Option<bool> Quiet = new("--quiet") { Description = "No progress output." };

    private static readonly Option[] All =
    [
        Data, Label, SchemaFile, Id, CreatedAt, Account, Ignore, Missing, Keep, RulesFile, NoRules, BaselineScore, BaselineMqlAt, Out, RegistryRoot, Name, Shadow, Force,
        .. ModelOptions.Options, Threads, .. BundleOptions.Options, Json, Quiet,
    ];


    public static Command Create()
    {
        var command = new Command("train", "Train one calibrated model per outcome, compare it with the points rules on held-out leads, and write the bundle and its report to --out.");
        foreach (var option in All)
            command.Options.Add(option);
        command.SetAction((parse, cancellation) => Task.FromResult(Run(parse, cancellation)));
        return command;
    }

    private static int Run(ParseResult parse, CancellationToken cancellation)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var dataPath = parse.GetValue(Data)!.FullName;
        var outDirectory = parse.GetValue(Out)!.FullName;
        var clock = Stopwatch.StartNew();
        // Out-of-range settings throw ArgumentException, which the command line reports as a usage error (exit 2).
        if (parse.GetValue(RegistryRoot) is { } root)
        {
            ModelRegistry.CheckName(parse.GetValue(Name)!);
            if (parse.GetValue(Shadow) && new ModelRegistry(root.FullName).CurrentOrNone(parse.GetValue(Name)!) is null)
                throw new UsageException($"--shadow: '{parse.GetValue(Name)}' has no current version for a challenger to be scored beside; publish without --shadow");
        }
        else if (parse.GetValue(Shadow))
        {
            throw new UsageException("--shadow publishes into a registry's challenger role: give --registry too");
        }
        var modelOptions = ReadModelOptions(parse);
        var header = CsvTableReader.ReadHeader(dataPath);
        var schema = ReadSchema(parse, dataPath, header);
        var (rules, noRulesReason) = ReadRules(parse, header);
        var options = new BundleTrainingOptions
        {
            Schema = schema,
            Rules = rules,
            Model = modelOptions,
            Keep = OptionParsing.List(parse.GetValue(Keep)),
        };
        options = BundleOptions.Read(parse, options);
        options.Validate();

        // A creation time named by flag, schema or its name must hold dates: it decides which leads are held out.
        var createdAt = schema.CreatedAt ?? schema.CreationTimeByName(header);
        var progress = new ProgressDisplay(error, parse.GetValue(Quiet) || parse.GetValue(Json));
        var (result, table, effectiveSchema) = progress.Run(report =>
        {
            var table = ReadExport(dataPath, schema with { CreatedAt = createdAt }, rules, parse.GetValue(Threads), report);
            var effective = (schema with { CreatedAt = createdAt }).WithFormatsOf(table);
            var baseline = effective.BaselineScore is { } column
                ? ManualScoreBaseline.For(table, column, effective.Outcomes[0], parse.GetValue(BaselineMqlAt))
                : rules;
            var trainer = new BundleTrainer(options with { Schema = effective, Rules = baseline }) { Progress = report };
            return (trainer.Train(table, cancellation), table, effective);
        });
        result = result with { NoRulesReason = result.Rules is null ? noRulesReason : null };
        if (result.Outcomes.All(o => o.Source == OutcomeSource.Rules) && result.Rules is null)
            throw new DataFormatException($"{dataPath}: no outcome has enough data for a model and there are no rules to fall back on");

        var bundle = result.ToBundle(effectiveSchema, CsvTableReader.ReadHeader(dataPath, new CsvReadOptions()));
        var report = TrainingReport.Build(result);
        var metadata = TrainingMetadata.Build(parse, options with { Rules = result.Rules }, dataPath, table, result, clock.Elapsed.TotalSeconds);
        void Write(string directory)
        {
            bundle.Save(directory);
            ReportWriter.WriteAll(directory, result, report);
            metadata.Save(directory);
        }
        if (parse.GetValue(RegistryRoot) is { } registryRoot)
        {
            var registry = new ModelRegistry(registryRoot.FullName);
            var name = parse.GetValue(Name)!;
            var shadow = parse.GetValue(Shadow);
            if (!shadow)
                PromotionGate.Check(registry, name, table, result, parse.GetValue(Force), parse.GetValue(Threads));
            var version = registry.Publish(name, Write, asChallenger: shadow);
            outDirectory = registry.VersionDirectory(name, version);
            if (shadow)
                error.WriteLine($"published {name} {version} as the challenger of {registry.CurrentOrNone(name)}: the service scores it beside the current version and compares them in /v1/monitoring");
        }
        else
        {
            BundlePublisher.Publish(outDirectory, Write);
        }
        if (parse.GetValue(Json))
            output.WriteLine(report.ToJson());
        else
            TrainingSummary.Write(output, result, outDirectory, clock.Elapsed.TotalSeconds);
        return CommandLine.Success;
    }

    private static ExportSchema ReadSchema(ParseResult parse, string dataPath, IReadOnlyList<string> header)
    {
        var schema = parse.GetValue(SchemaFile) is { } file ? ExportSchema.Load(file.FullName) : new ExportSchema();
        var labels = OptionParsing.List(parse.GetValue(Label));
        schema = schema with
        {
            Id = parse.GetValue(Id) ?? schema.Id,
            CreatedAt = parse.GetValue(CreatedAt) ?? schema.CreatedAt,
            AccountId = parse.GetValue(Account) ?? schema.AccountId,
            Outcomes = labels.Count > 0 ? labels : schema.Outcomes,
            BaselineScore = parse.GetValue(BaselineScore) ?? schema.BaselineScore,
            Ignore = [.. schema.Ignore.Concat(OptionParsing.List(parse.GetValue(Ignore))).Distinct()],
            Missing = [.. schema.Missing.Concat(OptionParsing.List(parse.GetValue(Missing))).Distinct()],
        };
        if (schema.Outcomes.Count == 0)
            throw new UsageException("name the outcome column(s) with --label (or \"outcomes\" in --schema)");
        foreach (var outcome in schema.Outcomes)
        {
            if (schema.Ignore.Contains(outcome) || schema.AfterContact.Contains(outcome))
                throw new UsageException($"'{outcome}' is both an outcome and ignored");
        }
        schema.CheckAgainst(dataPath, header, OptionParsing.List(parse.GetValue(Keep)).Select(c => ("kept (--keep)", c)));
        return schema;
    }



    /// <summary>
    /// Reads the export as the schema says: ignored and after-contact columns skipped (unless the rules read them),
    /// the creation time as dates, the schema's kinds and formats forced, the rest decided from the values.
    /// </summary>
    private static DataTable ReadExport(string dataPath, ExportSchema schema, PointsRules? rules, int threads, Action<string, double> report)
    {
        var needed = new HashSet<string>(rules?.Fields() ?? [], StringComparer.Ordinal);
        // The id column is read (not a feature): it names the test leads the dashboard compares methods on.
        var skip = schema.Ignore.Concat(schema.AfterContact).Where(c => c.Length > 0 && !needed.Contains(c));
        var kinds = schema.CreatedAt is not { } createdAt || schema.Kinds.ContainsKey(createdAt)
            ? schema.Kinds
            : new Dictionary<string, ColumnKind>(schema.Kinds) { [createdAt] = ColumnKind.DateTime };
        return CsvTableReader.Read(dataPath, new CsvReadOptions
        {
            MissingTokens = schema.Missing,
            KindOverrides = kinds,
            FormatOverrides = schema.ValueFormatsByColumn(),
            SkipColumns = new HashSet<string>(skip, StringComparer.Ordinal),
            Threads = threads,
            Progress = (step, done, total) => report(step, total == 0 ? 1 : (double)done / total),
        });
    }

    private const string HowToCompare = "compare with your own points rules (--rules FILE; check them first with `rules check --rules FILE --data FILE`) " +
        "or with the export's own manual score (--baseline-score COLUMN)";

    /// <summary>The points rules to compare with, or null with the reason there are none and how to add them.</summary>
    private static (PointsRules? Rules, string? NoRulesReason) ReadRules(ParseResult parse, IReadOnlyList<string> header)
    {
        var baseline = parse.GetValue(BaselineScore);
        if (baseline is not null && (parse.GetValue(NoRules) || parse.GetValue(RulesFile) is not null))
            throw new UsageException("--baseline-score is the baseline instead of points rules; leave out --rules and --no-rules");
        if (parse.GetValue(BaselineMqlAt) is not null && baseline is null)
            throw new UsageException("--baseline-mql-at needs --baseline-score");
        if (baseline is not null)
            return (null, null);
        if (parse.GetValue(NoRules))
            return (null, "--no-rules was given");
        if (parse.GetValue(RulesFile) is { } file)
        {
            var rules = PointsRules.Load(file.FullName);
            var unknown = RulesCheck.UnknownFields(rules, header);
            if (unknown.Count > 0)
                throw new DataFormatException($"{file.FullName}: the rules use fields the data does not have: {string.Join(", ", unknown)}");
            return (rules, null);
        }
        var defaultPath = Path.Combine(AppContext.BaseDirectory, "rules.default.json");
        if (!File.Exists(defaultPath))
            return (null, $"no rules were given and the default rules file is not installed beside the trainer; {HowToCompare}");
        var defaults = PointsRules.Load(defaultPath);
        var lacking = RulesCheck.UnknownFields(defaults, header);
        return lacking.Count == 0 ? (defaults, null)
            : (null, $"the default points rules read fields this export does not have ({string.Join(", ", lacking)}); {HowToCompare}");
    }

    private static TrainingOptions ReadModelOptions(ParseResult parse)
    {
        var learner = parse.GetValue((Option<string>)ModelOptions[ModelSettings.Learner]);
        if (learner is "hist" or "own-logistic")
        {
            throw new UsageException(
                $"--learner {learner} (our own code) was retired: lightgbm and logistic through ML.NET measured as accurate and faster (see bench/README.md); models trained with it still load and serve");
        }
        var options = ModelOptions.Read(parse, new TrainingOptions { Label = "(per outcome)", Boosting = new BoostingOptions { Threads = parse.GetValue(Threads) } });
        options.Validate();
        return options;
    }
}
