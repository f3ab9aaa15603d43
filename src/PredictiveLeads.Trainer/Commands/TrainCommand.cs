using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Trainer.Output;

namespace PredictiveLeads.Trainer.Commands;

/// <summary><c>train</c>: reads a labelled CSV, trains a calibrated model and writes it to a directory.</summary>
internal static class TrainCommand
{
    private static readonly BoostingOptions Defaults = new();

    private static readonly Option<FileInfo> Data = new("--data") { Description = "Training CSV file (closed outcomes).", Required = true };
    private static readonly Option<string> Label = new("--label") { Description = "Outcome column (0/1, true/false or yes/no).", Required = true };
    private static readonly Option<string?> Id = new("--id") { Description = "Identifier column; not a feature, keys the scores." };
    private static readonly Option<string[]> Ignore = new("--ignore") { Description = "Columns that are not features, comma-separated.", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string[]> Missing = new("--missing") { Description = "Extra tokens meaning 'missing' (e.g. Select,unknown), comma-separated.", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<DirectoryInfo> Out = new("--out") { Description = "Directory the model is written to.", DefaultValueFactory = _ => new DirectoryInfo("model") };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the split and of sampling.", DefaultValueFactory = _ => Defaults.Seed };
    private static readonly Option<int> Threads = new("--threads") { Description = "Worker threads (the model does not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
    private static readonly Option<string> Learner = new("--learner") { Description = "gbdt (gradient-boosted trees) or logistic.", DefaultValueFactory = _ => "gbdt" };
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
    private static readonly Option<double> ValidationShare = new("--validation-share") { Description = "Share held out for early stopping and calibration.", DefaultValueFactory = _ => 0.2 };
    private static readonly Option<string> CalibrationOption = new("--calibration") { Description = "platt, isotonic or none.", DefaultValueFactory = _ => "platt" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the summary as JSON." };
    private static readonly Option<bool> Quiet = new("--quiet") { Description = "No progress output." };

    public static Command Create()
    {
        var command = new Command("train", "Train a calibrated model for one outcome column and write it to --out.");
        foreach (var option in new Option[]
                 {
                     Data, Label, Id, Ignore, Missing, Out, Seed, Threads, Learner, Trees, LearningRate, MaxLeaves, MaxDepth, MinRowsPerLeaf, L2, L1,
                     RowSample, FeatureSample, EarlyStopping, PositiveWeight, MaxBins, MinCategoryCount, ValidationShare, CalibrationOption, Json, Quiet,
                 })
            command.Options.Add(option);
        command.SetAction((parse, _) => Task.FromResult(Run(parse)));
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var options = ReadOptions(parse);
        var dataPath = parse.GetValue(Data)!.FullName;
        var outDirectory = parse.GetValue(Out)!.FullName;
        var clock = Stopwatch.StartNew();

        var progress = new ProgressDisplay(error, parse.GetValue(Quiet) || parse.GetValue(Json));
        var (result, table) = progress.Run(report =>
        {
            var header = CsvTableReader.ReadHeader(dataPath);
            CheckColumns(dataPath, header, options);
            var table = CsvTableReader.Read(dataPath, new CsvReadOptions
            {
                MissingTokens = options.MissingTokens,
                SkipColumns = new HashSet<string>(options.Ignore.Append(options.IdColumn ?? "").Where(c => c.Length > 0), StringComparer.Ordinal),
                Progress = (step, done, total) => report(step, total == 0 ? 1 : (double)done / total),
            });
            var trainer = new ModelTrainer(options) { Progress = report };
            return (trainer.Train(table), table);
        });

        var metadata = Metadata(parse, options, dataPath, table, result, clock.Elapsed.TotalSeconds);
        ModelDirectory.Save(outDirectory, result.Model, metadata);
        if (parse.GetValue(Json))
            output.WriteLine(metadata.ToJsonString(JsonOutput.Indented));
        else
            TrainingSummary.Write(output, result, outDirectory, clock.Elapsed.TotalSeconds);
        return CommandLine.Success;
    }

    private static TrainingOptions ReadOptions(ParseResult parse)
    {
        var learner = parse.GetValue(Learner)?.ToLowerInvariant() switch
        {
            "gbdt" or "trees" => LearnerKind.GradientBoosting,
            "logistic" or "lr" => LearnerKind.LogisticRegression,
            var other => throw new UsageException($"--learner must be gbdt or logistic, not '{other}'"),
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
            Label = parse.GetValue(Label)!,
            IdColumn = parse.GetValue(Id),
            Ignore = OptionParsing.List(parse.GetValue(Ignore)),
            MissingTokens = OptionParsing.List(parse.GetValue(Missing)),
            Learner = learner,
            Calibration = calibration,
            MaxBins = parse.GetValue(MaxBins),
            ValidationShare = parse.GetValue(ValidationShare),
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
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        return options;
    }

    private static void CheckColumns(string path, IReadOnlyList<string> header, TrainingOptions options)
    {
        var names = new HashSet<string>(header, StringComparer.Ordinal);
        if (!names.Contains(options.Label))
            throw new DataFormatException($"{path}: the label column '{options.Label}' is not in the header (columns: {string.Join(", ", header)})");
        if (options.IdColumn is { } id && !names.Contains(id))
            throw new DataFormatException($"{path}: the id column '{id}' is not in the header");
        foreach (var ignored in options.Ignore)
        {
            if (!names.Contains(ignored))
                throw new DataFormatException($"{path}: the ignored column '{ignored}' is not in the header");
        }
        if (options.Ignore.Contains(options.Label))
            throw new UsageException($"'{options.Label}' is both the label and ignored");
    }

    private static JsonObject Metadata(ParseResult parse, TrainingOptions options, string dataPath, DataTable table, TrainingResult result, double seconds)
    {
        var validation = result.Validation;
        return new JsonObject
        {
            ["trainedAt"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["machine"] = Environment.MachineName,
            ["threads"] = options.Boosting.Threads,
            ["command"] = "train " + string.Join(' ', parse.Tokens.Select(t => t.Value.Contains(' ') ? $"\"{t.Value}\"" : t.Value)),
            ["data"] = new JsonObject
            {
                ["file"] = dataPath,
                ["sha256"] = FileHash.Sha256(dataPath),
                ["rows"] = table.RowCount,
                ["trainingRows"] = result.TrainingRows,
                ["validationRows"] = result.ValidationRows,
                ["unlabelledRows"] = result.UnlabelledRows,
            },
            ["label"] = options.Label,
            ["learner"] = result.Model.Learner.ToString(),
            ["trees"] = result.Trees,
            ["treesGrown"] = result.TreesGrown,
            ["stoppedEarly"] = result.StoppedEarly,
            ["features"] = result.Model.FeatureCount,
            ["validation"] = new JsonObject
            {
                ["rocAuc"] = validation.RocAuc,
                ["averagePrecision"] = validation.AveragePrecision,
                ["logLoss"] = validation.LogLoss,
                ["brier"] = validation.Brier,
                ["expectedCalibrationError"] = validation.ExpectedCalibrationError,
                ["positiveRate"] = validation.PositiveRate,
            },
            ["importance"] = new JsonArray([.. result.Importance.Select(i => (JsonNode)new JsonObject
            {
                ["feature"] = i.Feature, ["permutationAucDrop"] = Math.Round(i.PermutationAucDrop, 6), ["gainShare"] = Math.Round(i.GainShare, 6),
            })]),
            ["notes"] = new JsonArray([.. result.Notes.Select(n => (JsonNode)n)]),
            ["seconds"] = new JsonObject(result.Timings.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)Math.Round(t.Value, 3)))
                .Append(KeyValuePair.Create("total", (JsonNode?)Math.Round(seconds, 3)))),
        };
    }
}
