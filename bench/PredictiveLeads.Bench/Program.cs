using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using PredictiveLeads.Bench;
using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Training;

// Measures ours the way ../shared/bench/peer_bench.py measures the peers and prints one JSON line.
// Usage: PredictiveLeads.Bench TRAIN.csv TEST.csv LABEL [--id COL] [--drop C1,C2] [--missing T1,T2]
//        [--trees 200] [--depth 6] [--leaves 63] [--lr 0.1] [--bins 255] [--threads 2] [--early-stopping 0] [--name ours]
//        [--learner lightgbm|fasttree|logistic] [--settings kit|product]
var options = BenchOptions.Parse(args);
var result = new JsonObject { ["model"] = options.Name, ["tag"] = options.Tag, ["train"] = Path.GetFileName(options.Train), ["test"] = Path.GetFileName(options.Test), ["threads"] = options.Threads };
var clock = Stopwatch.StartNew();

var skip = new HashSet<string>(options.Drop.Append(options.Id ?? "").Where(c => c.Length > 0), StringComparer.Ordinal);
var train = CsvTableReader.Read(options.Train, new CsvReadOptions { MissingTokens = options.Missing, SkipColumns = skip });
result["parse_train_s"] = Lap(clock);
result["n_train"] = train.RowCount;
result["peak_rss_parse_mb"] = Memory.PeakMb();
Memory.ResetPeak();

var trainer = new ModelTrainer(new TrainingOptions
{
    Label = options.Label,
    Learner = options.Learner switch
    {
        "lightgbm" => LearnerKind.LightGbm,
        "fasttree" => LearnerKind.FastTree,
        "logistic" => LearnerKind.LogisticRegression,
        var other => throw new ArgumentException($"--learner must be lightgbm, fasttree or logistic, not '{other}'"),
    },
    MissingTokens = options.Missing,
    MaxBins = options.Settings == "kit" ? options.Bins : new TrainingOptions { Label = options.Label }.MaxBins,
    Boosting = options.Settings == "kit"
        ? new BoostingOptions
        {
            Trees = options.Trees, MaxDepth = options.Depth, MaxLeaves = options.Leaves, LearningRate = options.LearningRate,
            Threads = options.Threads, EarlyStoppingRounds = options.EarlyStopping,
        }
        : new BoostingOptions { Threads = options.Threads },
});
TrainingResult? trained = trainer.Train(train);
var train_s = Lap(clock);
result["prepare_s"] = Round(trained.Timings["prepare"]);
result["fit_s"] = Round(trained.Timings["fit"]);
result["calibrate_s"] = Round(trained.Timings["calibrate"]);
result["train_s"] = train_s;
result["trees"] = trained.Trees;
result["peak_rss_train_mb"] = Memory.PeakMb();
var model = trained.Model;
train = null;
trained = null;
// Scoring is measured as a scoring process would run it, not with the training data still on the heap.
GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

var kinds = model.Pipeline.ColumnKinds;
var testHeader = CsvTableReader.ReadHeader(options.Test);
var test = CsvTableReader.Read(options.Test, new CsvReadOptions
{
    MissingTokens = options.Missing, SkipColumns = skip,
    KindOverrides = kinds.Where(k => testHeader.Contains(k.Key)).ToDictionary(k => k.Key, k => k.Value),
});
result["parse_test_s"] = Lap(clock);
var labels = BinaryLabel.Read(test, options.Label);

double[] probabilities = [];
result["n_test"] = test.RowCount;
result["batch_rows_per_s"] = (long)(test.RowCount / MedianSeconds(() => probabilities = model.PredictProbabilities(test, options.Threads)));
var features = model.Pipeline.Transform(test);
result["core_batch_rows_per_s"] = (long)(test.RowCount / MedianSeconds(() => model.PredictProbabilities(features, options.Threads)));
if (model.ModelFile is { } modelFile)
    result["mlnet_batch_rows_per_s"] = MLNetScoring.RowsPerSecond(modelFile, options.Test, MedianSeconds);
result["auc"] = Math.Round(RankingMetrics.RocAuc(probabilities, labels), 5);
result["logloss"] = Math.Round(ProbabilityMetrics.LogLoss(probabilities, labels), 5);
result["brier"] = Math.Round(ProbabilityMetrics.Brier(probabilities, labels), 5);

var latency = Latency.Measure(model, test, features, calls: 2000, seed: 123);
result["lat_p50_ms"] = latency.RawP50Ms;
result["lat_p99_ms"] = latency.RawP99Ms;
result["core_p50_ms"] = latency.CoreP50Ms;
result["core_p99_ms"] = latency.CoreP99Ms;
result["core_alloc_bytes_per_call"] = latency.CoreAllocatedBytesPerCall;
result["peak_rss_mb"] = Math.Max(result["peak_rss_parse_mb"]!.GetValue<double>(), Memory.PeakMb());
Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
return 0;

static double Lap(Stopwatch clock)
{
    var seconds = clock.Elapsed.TotalSeconds;
    clock.Restart();
    return Round(seconds);
}

static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

// Batch scoring takes tens of milliseconds, so one run is at the mercy of a noisy machine and of the JIT still
// promoting the loops: untimed calls for at least three seconds (the JIT optimises in the background; on a slow
// machine three calls were not enough and two runs of the same model differed by half), then the median of eleven.
static double MedianSeconds(Action score)
{
    var warming = Stopwatch.StartNew();
    for (var warm = 0; warm < 3 || warming.Elapsed.TotalSeconds < 3; warm++)
        score();
    var times = new double[11];
    for (var repeat = 0; repeat < times.Length; repeat++)
    {
        var t = Stopwatch.StartNew();
        score();
        times[repeat] = t.Elapsed.TotalSeconds;
    }
    Array.Sort(times);
    return times[times.Length / 2];
}
