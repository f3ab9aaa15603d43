using System.Text.Json;
using System.Text.Json.Serialization;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Scoring.Reports;

/// <summary>
/// <c>report.json</c>: for each outcome the model's and the rules' metrics on the same test leads, the
/// workload-matched comparison, the leakage scan (with <c>leakage_suspects</c>), the split and feature
/// importance. Deterministic: no timestamps (those are in metadata.json).
/// </summary>
public sealed record TrainingReport(int Rows, SplitReport Split, string? Rules, IReadOnlyList<OutcomeReport> Outcomes)
{
    /// <summary>Columns kept out of every model, with the reason (schema roles, identifiers, constant columns).</summary>
    public IReadOnlyList<ExcludedColumn> ExcludedColumns { get; init; } = [];

    /// <summary>Outcomes that nest, and how often the test leads' probabilities break their order.</summary>
    public IReadOnlyList<NestedOutcomes> Funnel { get; init; } = [];

    /// <summary>Why no rules or baseline were compared, and how to add one (absent when they were).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NoRulesReason { get; init; }

    /// <summary>How columns were read where it had to be decided: decimal commas, day-first dates, stray texts.</summary>
    public IReadOnlyList<string> Reading { get; init; } = [];

    public const string FileName = "report.json";

    private static readonly JsonSerializerOptions Json = new(ModelSerializer.Json) { WriteIndented = true };

    public static TrainingReport Build(BundleTrainingResult result)
    {
        var split = result.Split;
        return new TrainingReport(result.Rows,
            new SplitReport(split.Method, split.Fit.Length, split.Validation.Length, split.Test.Length,
                split.FitDates?.ToString(), split.ValidationDates?.ToString(), split.TestDates?.ToString()),
            result.Rules?.Name,
            [.. result.Outcomes.Select(OutcomeReport.Of)]) { ExcludedColumns = result.Excluded, Reading = result.ReadingNotes, NoRulesReason = result.NoRulesReason, Funnel = result.Nesting };
    }

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The report of the bundle in <paramref name="directory"/>, or null with the reason it cannot be read.</summary>
    public static (TrainingReport? Report, string? Problem) TryLoad(string directory) =>
        BundleFile.TryRead<TrainingReport>(Path.Combine(directory, FileName), Json, "training report");
}

/// <summary>How the leads were split: fit (trees grow), validation (early stopping, calibration), test (every reported metric).</summary>
public sealed record SplitReport(string Method, int FitRows, int ValidationRows, int TestRows, string? FitDates, string? ValidationDates, string? TestDates);

/// <summary>One outcome of the report: model and rules on the same test leads, what was left out and why, and what drives the model.</summary>
public sealed record OutcomeReport
{
    public required string Label { get; init; }

    /// <summary>The funnel stage the outcome records (absent from reports written before stages were recorded).</summary>
    public FunnelStage? Stage { get; init; }

    public bool StageGuessed { get; init; }
    public required OutcomeSource Source { get; init; }
    public string Reason { get; init; } = "";
    public long Positives { get; init; }
    public long Negatives { get; init; }
    public MetricsReport? Model { get; init; }
    public MetricsReport? Rules { get; init; }
    public double? RulesPointsRocAuc { get; init; }
    public WorkloadComparison? Workload { get; init; }

    [JsonPropertyName("leakage_suspects")]
    public IReadOnlyList<string> LeakageSuspects { get; init; } = [];

    public IReadOnlyList<string> Excluded { get; init; } = [];
    public IReadOnlyList<string> KeptSuspects { get; init; } = [];
    public IReadOnlyList<LeakageFinding> Leakage { get; init; } = [];
    public CurvesReport Curves { get; init; } = new(null, null);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AccountReport? Account { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FitEngagementReport? FitEngagement { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Trees { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Features { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetricsReport? Validation { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FeatureImportanceRow>? Importance { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Notes { get; init; }

    /// <summary>The metrics of whichever method serves the outcome.</summary>
    [JsonIgnore]
    public MetricsReport? Served => Source == OutcomeSource.Model ? Model : Rules;

    internal static OutcomeReport Of(OutcomeResult outcome) => new()
    {
        Label = outcome.Label,
        Stage = outcome.Stage,
        StageGuessed = outcome.StageGuessed,
        Source = outcome.Source,
        Reason = outcome.Reason,
        Positives = outcome.Positives,
        Negatives = outcome.Negatives,
        Model = MetricsReport.Of(outcome.ModelTest),
        Rules = MetricsReport.Of(outcome.RulesTest),
        RulesPointsRocAuc = MetricsReport.Round(outcome.RulesPointsAuc),
        Workload = outcome.Workload,
        LeakageSuspects = [.. outcome.Leakage.Where(f => f.Suspect).Select(f => f.Column)],
        Excluded = outcome.Excluded,
        KeptSuspects = outcome.KeptSuspects,
        Leakage = outcome.Leakage,
        Curves = new CurvesReport(outcome.ModelCurves, outcome.RulesCurves),
        Account = outcome.Account is { } account
            ? new AccountReport(account.Accounts, account.TestAccounts, [.. account.Spec.FeatureNames()], MetricsReport.Of(account.ModelTest)!,
                MetricsReport.Of(account.RollupTest)!, [.. account.Training.Importance.Take(10)])
            : null,
        FitEngagement = FitEngagementReport.Of(outcome.FitEngagement),
        Trees = outcome.Training?.Trees,
        Features = outcome.Training?.Model.FeatureCount,
        Validation = MetricsReport.Of(outcome.Training?.Validation),
        Importance = outcome.Training?.Importance,
        Notes = outcome.Training?.Notes,
    };
}

/// <summary>A method's metrics on labelled leads; a metric that cannot be computed (one class only) is null.</summary>
public sealed record MetricsReport(int Rows, long Positives, double? RocAuc, double? AveragePrecision, double? LogLoss, double? Brier, double? ExpectedCalibrationError,
    IReadOnlyList<ReliabilityBin> Reliability, IReadOnlyList<DecileRow> Deciles, IReadOnlyList<CaptureRow> Capture)
{
    internal static MetricsReport? Of(ClassifierEvaluation? e) => e is null ? null : new(e.Rows, e.Positives, Round(e.RocAuc), Round(e.AveragePrecision),
        Round(e.LogLoss), Round(e.Brier), Round(e.ExpectedCalibrationError), [.. e.Reliability.Where(b => b.Rows > 0)], e.Deciles, e.Capture);

    internal static double? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 5) : null;
}

/// <summary>ROC and gains curves of the model and of the rules on the test leads.</summary>
public sealed record CurvesReport(TestCurves? Model, TestCurves? Rules);

/// <summary>The account model next to the roll-up of lead probabilities, on the test accounts.</summary>
public sealed record AccountReport(int Accounts, int TestAccounts, IReadOnlyList<string> Features, MetricsReport Model, MetricsReport Rollup,
    IReadOnlyList<FeatureImportanceRow> Importance);
