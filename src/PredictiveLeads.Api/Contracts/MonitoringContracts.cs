using System.ComponentModel;

namespace PredictiveLeads.Api.Contracts;

/// <summary>How the served model does on leads whose outcome is now known, next to the rules, and whether its scores drift.</summary>
public sealed record MonitoringResponse(string ModelVersion, IReadOnlyList<OutcomeMonitoring> Outcomes, IReadOnlyList<DailyVolume> Volume, LoggingCounts Logging,
    [property: Description("Webhook deliveries by state (see GET /v1/webhooks/deliveries)")] WebhookCounts Webhooks,
    [property: Description("Each input field's drift among the leads this version scored against its training distribution, largest PSI first")] FieldDriftResponse FieldDrift,
    [property: Description("The challenger against the served version on the same leads; null without a challenger")] ChallengerMonitoring? Challenger = null,
    [property: Description("Why the registry's challenger is not scored, when it is not")] string? ChallengerRefused = null);

/// <summary>Drift per input field; <c>Unavailable</c> says why there is none (a bundle trained before field distributions were kept).</summary>
public sealed record FieldDriftResponse(double Threshold, int MinimumLeads, string? Unavailable, IReadOnlyList<FieldDriftEntry> Fields);

public sealed record FieldDriftEntry(
    string Field,
    long Leads,
    [property: Description("Population stability index of the scored leads' bins (deciles, or the most common categories) against training")] double Psi,
    string Reading,
    [property: Description("The bin whose share moved most, with its training and live shares")] string MovedMost,
    double TrainingShare,
    double LiveShare);

/// <summary>One outcome on the leads with a recorded outcome; a metric that cannot be computed yet (no known outcomes, one class only) is null.</summary>
public sealed record OutcomeMonitoring(
    string Outcome,
    int LeadsWithOutcome,
    int Positives,
    double? ModelRocAuc,
    double? RulesRocAuc,
    double? ExpectedCalibrationError,
    double? MeanPredicted,
    double? ObservedRate,
    IReadOnlyList<ReliabilityBinResponse> Reliability,
    [property: Description("Leads by the week they were scored in (weeks start on Monday, UTC)")] IReadOnlyList<WeekMonitoring> Weekly,
    DriftResponse Drift);

public sealed record WeekMonitoring(DateOnly Week, int Leads, double? ModelRocAuc, double? RulesRocAuc, double? MeanPredicted, double? ObservedRate);

/// <summary>Population stability index of the served version's recent scores against its test leads' score deciles.</summary>
public sealed record DriftResponse(int ScoresCompared, double? Psi, string Reading);

public sealed record DailyVolume([property: Description("UTC day, yyyy-MM-dd")] string Day, string ModelVersion, long Predictions);

/// <summary>
/// This instance's log since it started: records written, and those lost because the queue was full or the database
/// failed. Over the database's life: runs of any instance that stopped with records still queued (killed, crashed),
/// and at least how many records they lost (those received after a run's last write are not known).
/// </summary>
public sealed record LoggingCounts(long Written, long Lost, long RunsStoppedWithQueuedRecords, long LostWhenStopped);

/// <summary>The registry's models and versions, and the version being served.</summary>
public sealed record ModelListResponse(string? Serving, IReadOnlyList<RegisteredModel> Models,
    [property: Description("The version scored in the shadow of the served one (logged and compared, never answered)")] string? Challenger = null);

public sealed record RegisteredModel(string Name, string? Current, IReadOnlyList<string> Versions, string? Challenger = null);

/// <summary>The model's challenger after a change, and the version served.</summary>
public sealed record ChallengerResponse(string Name, string? Challenger, string? Serving);

public sealed record ActivationResponse(string Name, string Active, string? Serving);

/// <summary>
/// Activating a version. A JSON body is required, so that a form on another page (which can post only form or plain-text
/// bodies without asking) cannot activate a version for a signed-in admin.
/// </summary>
public sealed record ActivationRequest([property: System.ComponentModel.Description("Why this version is activated; logged")] string? Reason);

/// <summary>
/// Champion and challenger on the same leads with known outcomes (each lead's newest scoring by both, from one request):
/// ranking, calibration, and positives caught when the most likely fifth of those leads is worked.
/// </summary>
public sealed record ChallengerMonitoring(string ChampionVersion, string ChallengerVersion, double WorkloadShare, IReadOnlyList<ChallengerOutcome> Outcomes);

public sealed record ChallengerOutcome(string Outcome, int Leads, int Positives, double? ObservedRate,
    [property: Description("How many of the compared leads are worked: the most likely fifth by each version")] int Workload,
    VersionMonitoring Champion, VersionMonitoring Challenger);

public sealed record VersionMonitoring(string Version, double? RocAuc, double? ExpectedCalibrationError, double? MeanPredicted,
    [property: Description("Positives among the leads this version would have had worked")] int PositivesCaught, IReadOnlyList<ReliabilityBinResponse> Reliability);
