using System.ComponentModel;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Api.Contracts;

/// <summary>What a person or a client needs to know about the model being served.</summary>
public sealed record ModelCardResponse(
    string Name,
    string Version,
    [property: Description("When this process loaded the version")] DateTime LoadedAt,
    [property: Description("When the version was trained, if its metadata says")] DateTime? TrainedAt,
    TrainingDataResponse? Data,
    SplitResponse? Split,
    [property: Description("The points rules served beside the models, if any")] string? Rules,
    IReadOnlyList<ModelCardOutcome> Outcomes,
    [property: Description("The fields a lead may send, with their kinds and, for categories, the levels the models know")] IReadOnlyList<ModelCardField> Fields,
    string? IdField,
    string? AccountField);

/// <summary>The export the version was trained on.</summary>
public sealed record TrainingDataResponse(string? File, string? Sha256, int Rows, DateTime? CreatedFrom, DateTime? CreatedTo, int FitRows, int ValidationRows, int TestRows);

/// <summary>How the export's leads were split; every test metric is on the test leads.</summary>
public sealed record SplitResponse(string Method, int FitRows, int ValidationRows, int TestRows, string? FitDates, string? ValidationDates, string? TestDates);

/// <summary>One outcome: who serves it, how model and rules tested, and what drives the model.</summary>
public sealed record ModelCardOutcome(
    string Outcome,
    [property: Description("The funnel stage the outcome records: recorded stages count a lead positive from this stage on. Null when the outcome records no stage: record it by name")] FunnelStage? Stage,
    [property: Description("How to record this outcome with POST /v1/outcomes")] string RecordWith,
    [property: Description("model, or rules when the outcome had too little training data")] string Source,
    string Reason,
    MetricsSummary? Model,
    MetricsSummary? Rules,
    [property: Description("If sales works as many test leads as the rules hand over: what each method catches")] WorkloadResponse? Workload,
    IReadOnlyList<string> TopFeatures,
    bool HasAccountModel,
    [property: Description("The probabilities at or above which a lead of this outcome is graded A, B and C (below C: D), and what they are based on")] GradeCutOffs Grades,
    [property: Description("Set when the outcome is served through an earlier one of the funnel: its probability is P(that outcome) × P(this outcome | that outcome)")] string? ConditionalOn = null);

/// <summary>Grade cut-offs in use: fixed probabilities, or shares of the served version's test leads.</summary>
public sealed record GradeCutOffs(double A, double B, double C, string Basis);

/// <summary>Test metrics; null where they cannot be computed.</summary>
public sealed record MetricsSummary(double? RocAuc, double? LogLoss, double? Brier, double? ExpectedCalibrationError);

/// <summary>The rules hand over RulesHandOver test leads and catch RulesFind; the model's top as many catch ModelFindAtSameWorkload (expected, ties shared).</summary>
public sealed record WorkloadResponse(int TestLeads, long Positives, int RulesHandOver, long RulesFind, double ModelFindAtSameWorkload, int ModelLeadsForSameFinds);

/// <summary>A field a lead may send: numeric, boolean, categorical (with the levels the models know) or datetime.</summary>
public sealed record ModelCardField(string Name, string Kind, IReadOnlyList<string>? Levels);
