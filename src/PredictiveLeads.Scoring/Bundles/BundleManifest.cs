using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Bundles;

/// <summary>
/// <c>bundle.json</c>: what a bundle holds. It depends only on the data, options and seed (timestamps and
/// machine details live in <c>metadata.json</c>), so retraining reproduces it byte for byte.
/// </summary>
public sealed record BundleManifest
{
    public const string FormatName = "predictiveleads.bundle";
    public const int CurrentVersion = 1;

    public string Format { get; init; } = FormatName;
    public int FormatVersion { get; init; } = CurrentVersion;
    public string? IdColumn { get; init; }
    public string? AccountColumn { get; init; }
    public string? CreatedAtColumn { get; init; }

    /// <summary>The field whose value the log keeps so the worklist can be filtered by segment; null when the schema names none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? SegmentColumn { get; init; }

    /// <summary>The field whose value the log keeps so the worklist can be filtered by owner; null when the schema names none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? OwnerColumn { get; init; }
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>How the training export wrote the numbers or dates of its columns where not in the standard way (see <see cref="ValueFormats.Name"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Formats { get; init; }

    /// <summary>The <see cref="Formats"/> as values; a name this build does not know is refused.</summary>
    public IReadOnlyDictionary<string, ValueFormat> ValueFormatsByColumn()
    {
        var (formats, problem) = ValueFormats.ByColumn(Formats ?? new Dictionary<string, string>());
        return formats ?? throw new Learning.Common.ModelFormatException($"bundle.json: {problem}; is the bundle from a newer build?");
    }

    public required IReadOnlyList<BundleOutcome> Outcomes { get; init; }

    /// <summary>The rules file inside the bundle, or null when the bundle has no rules.</summary>
    public string? RulesFile { get; init; }

    /// <summary>How each field the models read was distributed among the training leads; empty in bundles written before it was kept.</summary>
    public IReadOnlyList<Fields.FieldDistribution> FieldDistributions { get; init; } = [];
}

/// <summary>One outcome of a bundle: the model file serving it, or the rules with the reason.</summary>
public sealed record BundleOutcome
{
    public required string Label { get; init; }
    public required OutcomeSource Source { get; init; }

    /// <summary>The funnel stage the outcome records; bundles written before it was recorded get it guessed from the label when loaded.</summary>
    public FunnelStage? Stage { get; init; }

    /// <summary>The stage the outcome records: as written, or read from the label (for bundles written before it was); null when it records none.</summary>
    public FunnelStage? RecordedStage() => Stage ?? FunnelStages.GuessFromOutcomeName(Label);
    public string? ModelFile { get; init; }

    /// <summary>
    /// The earlier outcome of the funnel this one is served through: the model gives P(this | earlier), and the served
    /// probability is P(earlier) × that, so it is never above the earlier outcome's. Null when the model serves it alone.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ConditionalOn { get; init; }

    public string Reason { get; init; } = "";

    /// <summary>Decile edges of the model's probabilities on the test leads; live scores are compared with them for drift.</summary>
    public IReadOnlyList<double> ScoreDeciles { get; init; } = [];

    /// <summary>The account-level model of this outcome, if one was trained.</summary>
    public string? AccountModelFile { get; init; }

    /// <summary>How contacts are aggregated into the account model's features.</summary>
    public Accounts.AccountFeatureSpec? AccountFeatures { get; init; }

    /// <summary>The fit sub-model and its cut-offs (grades A–D); null when the outcome has none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public FitEngagement.GroupGrades? Fit { get; init; }

    /// <summary>The engagement sub-model and its cut-offs (grades 1–4); null when the outcome has none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public FitEngagement.GroupGrades? Engagement { get; init; }

    /// <summary>Maps rule points to a probability of this outcome (null without rules).</summary>
    public Calibrator? RulesCalibration { get; init; }
}
