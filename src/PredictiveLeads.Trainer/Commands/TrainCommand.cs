using System.CommandLine;
using System.Diagnostics;
using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;
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
    private static readonly BoostingOptions Defaults = new();

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
    private static readonly Option<DirectoryInfo> Out = new("--out") { Description = "Directory the bundle is written to (without --registry).", DefaultValueFactory = _ => new DirectoryInfo("model") };
    private static readonly Option<DirectoryInfo?> RegistryRoot = new("--registry") { Description = "Publish as a new version in this model registry (e.g. models) instead of writing --out." };
    private static readonly Option<string> Name = new("--name") { Description = "Model name in the registry.", DefaultValueFactory = _ => "default" };
    private static readonly Option<bool> Force = new("--force") { Description = "Publish even if the new version tests worse than the current one." };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of splits and sampling.", DefaultValueFactory = _ => Defaults.Seed };
    private static readonly Option<int> Threads = new("--threads") { Description = "Worker threads (LightGBM's trees can differ between thread counts; the rest of the model does not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
    private static readonly Option<string> Learner = new("--learner")
    {
        Description = "lightgbm (gradient-boosted trees by LightGBM through ML.NET), fasttree (ML.NET FastTree) or logistic (ML.NET L-BFGS logistic regression).",
        DefaultValueFactory = _ => "lightgbm",
    };
    private static readonly Option<int> Trees = new("--trees") { Description = "Most trees (early stopping may keep fewer).", DefaultValueFactory = _ => Defaults.Trees };
    private static readonly Option<double> LearningRate = new("--learning-rate") { Description = "Shrinkage per tree.", DefaultValueFactory = _ => Defaults.LearningRate };
    private static readonly Option<int> MaxLeaves = new("--max-leaves") { Description = "Most leaves per tree.", DefaultValueFactory = _ => Defaults.MaxLeaves };
    private static readonly Option<int> MaxDepth = new("--max-depth") { Description = "Deepest leaf (0 = no limit).", DefaultValueFactory = _ => Defaults.MaxDepth };
    private static readonly Option<int> MinRowsPerLeaf = new("--min-rows-per-leaf") { Description = "Fewest rows in a leaf.", DefaultValueFactory = _ => Defaults.MinRowsPerLeaf };
    private static readonly Option<double> L2 = new("--l2") { Description = "L2 penalty on leaf values.", DefaultValueFactory = _ => Defaults.L2 };
    private static readonly Option<double> L1 = new("--l1") { Description = "L1 penalty on leaf values.", DefaultValueFactory = _ => Defaults.L1 };
    private static readonly Option<double> RowSample = new("--row-sample") { Description = "Share of rows drawn per tree.", DefaultValueFactory = _ => Defaults.RowSampleRate };
    private static readonly Option<double> FeatureSample = new("--feature-sample") { Description = "Share of features drawn per tree.", DefaultValueFactory = _ => Defaults.FeatureSampleRate };
    private static readonly Option<int> EarlyStopping = new("--early-stopping") { Description = "Stop after this many trees without validation improvement (0 = off).", DefaultValueFactory = _ => Defaults.EarlyStoppingRounds };
    private static readonly Option<double> PositiveWeight = new("--positive-weight") { Description = "Weight of positive rows.", DefaultValueFactory = _ => Defaults.PositiveWeight };
    private static readonly Option<int> MaxBins = new("--max-bins") { Description = "Most bins per numeric feature (2-255).", DefaultValueFactory = _ => 255 };
    private static readonly Option<int> MinCategoryCount = new("--min-category-count") { Description = "Rarer categorical levels are grouped as (other).", DefaultValueFactory = _ => new PreprocessingOptions().MinCategoryCount };
    private static readonly Option<double> ValidationShare = new("--validation-share") { Description = "Share of the non-test leads used for early stopping and calibration.", DefaultValueFactory = _ => 0.2 };
    private static readonly Option<double> TestShare = new("--test-share") { Description = "Share of leads held out for the final test (the newest, with a creation time).", DefaultValueFactory = _ => 0.2 };
    private static readonly Option<double> LeakageThreshold = new("--leakage-threshold") { Description = "A column whose out-of-fold AUC alone reaches this is excluded as a leak.", DefaultValueFactory = _ => 0.9 };
    private static readonly Option<int> MinPerClass = new("--min-per-class") { Description = "Fewer positives or negatives than this: no model, the rules serve the outcome.", DefaultValueFactory = _ => 40 };
    private static readonly Option<string> CalibrationOption = new("--calibration") { Description = "platt, isotonic or none.", DefaultValueFactory = _ => "platt" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the report as JSON instead of the summary." };
    private static readonly Option<bool> Quiet = new("--quiet") { Description = "No progress output." };

    private static readonly Option[] All =
    [
        Data, Label, SchemaFile, Id, CreatedAt, Account, Ignore, Missing, Keep, RulesFile, NoRules, Out, RegistryRoot, Name, Force, Seed, Threads, Learner, Trees, LearningRate,
        MaxLeaves, MaxDepth, MinRowsPerLeaf, L2, L1, RowSample, FeatureSample, EarlyStopping, PositiveWeight, MaxBins, MinCategoryCount,
        ValidationShare, TestShare, LeakageThreshold, MinPerClass, CalibrationOption, Json, Quiet,
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
        if (parse.GetValue(RegistryRoot) is not null)
            ModelRegistry.CheckName(parse.GetValue(Name)!);
        var modelOptions = ReadModelOptions(parse);
        var header = CsvTableReader.ReadHeader(dataPath);
        var schema = ReadSchema(parse, dataPath, header);
        var rules = ReadRules(parse, header);
        var options = new BundleTrainingOptions
        {
            Schema = schema,
            Rules = rules,
            Model = modelOptions,
            Keep = OptionParsing.List(parse.GetValue(Keep)),
            LeakageThreshold = parse.GetValue(LeakageThreshold),
            TestShare = parse.GetValue(TestShare),
            ValidationShare = parse.GetValue(ValidationShare),
            MinimumPerClass = parse.GetValue(MinPerClass),
        };
        options.Validate();

        var progress = new ProgressDisplay(error, parse.GetValue(Quiet) || parse.GetValue(Json));
        var (result, table, effectiveSchema) = progress.Run(report =>
        {
            var needed = new HashSet<string>(rules?.Fields() ?? [], StringComparer.Ordinal);
            // The id column is read (not a feature): it names the test leads the dashboard compares methods on.
            var skip = schema.Ignore.Concat(schema.AfterContact).Where(c => c.Length > 0 && !needed.Contains(c));
            var table = CsvTableReader.Read(dataPath, new CsvReadOptions
            {
                MissingTokens = schema.Missing,
                KindOverrides = schema.Kinds,
                SkipColumns = new HashSet<string>(skip, StringComparer.Ordinal),
                Progress = (step, done, total) => report(step, total == 0 ? 1 : (double)done / total),
            });
            var effective = WithDetectedCreatedAt(schema, table);
            var trainer = new BundleTrainer(options with { Schema = effective }) { Progress = report };
            return (trainer.Train(table, cancellation), table, effective);
        });
        if (result.Outcomes.All(o => o.Source == OutcomeSource.Rules) && rules is null)
            throw new DataFormatException($"{dataPath}: no outcome has enough data for a model and there are no rules to fall back on");

        var bundle = result.ToBundle(effectiveSchema, CsvTableReader.ReadHeader(dataPath, new CsvReadOptions()));
        var report = TrainingReport.Build(result);
        var metadata = TrainingMetadata.Build(parse, options, dataPath, table, result, clock.Elapsed.TotalSeconds);
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
            PromotionGate.Check(registry, name, table, result, parse.GetValue(Force), parse.GetValue(Threads));
            var version = registry.Publish(name, Write);
            outDirectory = registry.VersionDirectory(name, version);
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
        schema.CheckAgainst(dataPath, header);
        return schema;
    }

    /// <summary>With no creation time named, a date column called created_at (or similar) is used, so the hold-out is by time.</summary>
    private static ExportSchema WithDetectedCreatedAt(ExportSchema schema, DataTable table)
    {
        if (schema.CreatedAt is not null)
            return schema;
        var names = new[] { "createdat", "created", "createddate", "createdon", "createdtime", "createdate" };
        var found = table.Columns.FirstOrDefault(c => c.Kind == ColumnKind.DateTime
            && names.Contains(new string([.. c.Name.Where(char.IsLetter)]).ToLowerInvariant()));
        return found is null ? schema : schema with { CreatedAt = found.Name };
    }

    private static PointsRules? ReadRules(ParseResult parse, IReadOnlyList<string> header)
    {
        if (parse.GetValue(NoRules))
            return null;
        if (parse.GetValue(RulesFile) is { } file)
        {
            var rules = PointsRules.Load(file.FullName);
            var unknown = rules.Fields().Where(f => !header.Contains(f)).ToList();
            if (unknown.Count > 0)
                throw new DataFormatException($"{file.FullName}: the rules use fields the data does not have: {string.Join(", ", unknown)}");
            return rules;
        }
        var defaultPath = Path.Combine(AppContext.BaseDirectory, "rules.default.json");
        if (!File.Exists(defaultPath))
            return null;
        var defaults = PointsRules.Load(defaultPath);
        return defaults.Fields().All(header.Contains) ? defaults : null;
    }

    private static TrainingOptions ReadModelOptions(ParseResult parse)
    {
        var learner = parse.GetValue(Learner)?.ToLowerInvariant() switch
        {
            "lightgbm" => LearnerKind.LightGbm,
            "fasttree" => LearnerKind.FastTree,
            "logistic" => LearnerKind.LogisticRegression,
            "hist" or "own-logistic" => throw new UsageException(
                $"--learner {parse.GetValue(Learner)} (our own code) was retired: lightgbm and logistic through ML.NET measured as accurate and faster (see bench/README.md); models trained with it still load and serve"),
            var other => throw new UsageException($"--learner must be lightgbm, fasttree or logistic, not '{other}'"),
        };
        var calibration = parse.GetValue(CalibrationOption)?.ToLowerInvariant() switch
        {
            "platt" => CalibrationMethod.Platt,
            "isotonic" => CalibrationMethod.Isotonic,
            "none" => CalibrationMethod.None,
            var other => throw new UsageException($"--calibration must be platt, isotonic or none, not '{other}'"),
        };
        var options = new TrainingOptions
        {
            Label = "(per outcome)",
            Learner = learner,
            Calibration = calibration,
            MaxBins = parse.GetValue(MaxBins),
            Preprocessing = new PreprocessingOptions { MinCategoryCount = parse.GetValue(MinCategoryCount) },
            Boosting = new BoostingOptions
            {
                Seed = parse.GetValue(Seed),
                Threads = parse.GetValue(Threads),
                Trees = parse.GetValue(Trees),
                LearningRate = parse.GetValue(LearningRate),
                MaxLeaves = parse.GetValue(MaxLeaves),
                MaxDepth = parse.GetValue(MaxDepth),
                MinRowsPerLeaf = parse.GetValue(MinRowsPerLeaf),
                L2 = parse.GetValue(L2),
                L1 = parse.GetValue(L1),
                RowSampleRate = parse.GetValue(RowSample),
                FeatureSampleRate = parse.GetValue(FeatureSample),
                EarlyStoppingRounds = parse.GetValue(EarlyStopping),
                PositiveWeight = parse.GetValue(PositiveWeight),
            },
        };
        options.Validate();
        return options;
    }
}
