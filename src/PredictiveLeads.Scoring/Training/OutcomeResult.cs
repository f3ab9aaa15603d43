using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Training;

/// <summary>Everything training learned about one outcome, model and rules side by side on the same test leads.</summary>
public sealed record OutcomeResult
{
    public required string Label { get; init; }
    public required OutcomeSource Source { get; init; }

    /// <summary>The funnel stage the outcome records, and whether it was guessed from the outcome's name.</summary>
    public required FunnelStage? Stage { get; init; }

    public bool StageGuessed { get; init; }

    /// <summary>Why the rules serve this outcome (empty when a model does).</summary>
    public string Reason { get; init; } = "";

    public required long Positives { get; init; }
    public required long Negatives { get; init; }
    public TrainingResult? Training { get; init; }

    /// <summary>The model on the test leads (neither grown nor calibrated on them).</summary>
    public ClassifierEvaluation? ModelTest { get; init; }

    /// <summary>The rules on the same test leads: points turned into probabilities by an isotonic fit on the validation leads.</summary>
    public ClassifierEvaluation? RulesTest { get; init; }

    /// <summary>ROC AUC of the raw points on the test leads.</summary>
    public double? RulesPointsAuc { get; init; }

    /// <summary>Maps points to a probability of this outcome (fitted on validation leads).</summary>
    public Calibrator? RulesCalibration { get; init; }

    public WorkloadComparison? Workload { get; init; }

    /// <summary>Upper edges of the deciles of the served probabilities on the test leads: the baseline for drift (PSI) in production.</summary>
    public IReadOnlyList<double> ScoreDeciles { get; init; } = [];

    /// <summary>The served model's probability for every test lead (in <see cref="HoldoutSplit.Test"/> order), labelled or not.</summary>
    public IReadOnlyList<double>? HoldoutProbabilities { get; init; }

    /// <summary>ROC and gains curves on the test leads, for the report's charts.</summary>
    public TestCurves? ModelCurves { get; init; }

    public TestCurves? RulesCurves { get; init; }
    public required IReadOnlyList<LeakageFinding> Leakage { get; init; }

    /// <summary>Leakage suspects left out of the model.</summary>
    public required IReadOnlyList<string> Excluded { get; init; }

    /// <summary>The account-level model and the roll-up of lead probabilities, when the export names accounts.</summary>
    public AccountResult? Account { get; init; }

    /// <summary>
    /// The earlier outcome of the funnel this one is served through: its model learned P(this | earlier) from the leads that
    /// reached the earlier outcome, and the served probability is P(earlier) × that. Null when served on its own.
    /// </summary>
    public string? ConditionalOn { get; init; }

    /// <summary>Why an outcome that nests in an earlier one is not served through it; null otherwise.</summary>
    public string? NotChainedReason { get; init; }

    /// <summary>For an outcome served through an earlier one: its model alone, P(this | earlier), on the test leads that reached the earlier outcome.</summary>
    public ClassifierEvaluation? ConditionalTest { get; init; }

    /// <summary>The fit and engagement sub-models and their grid on the test leads; null when the rules serve the outcome.</summary>
    public FitEngagementResult? FitEngagement { get; init; }

    /// <summary>Leakage suspects kept because the user asked (--keep).</summary>
    public IReadOnlyList<string> KeptSuspects { get; init; } = [];
}

/// <summary>
/// The comparison sales leaders ask for, on the test leads: if sales works as many leads as the rules hand
/// over (those at MQL or above), how many positives does each method catch; and how many leads must sales
/// work, taking the model's best first, to catch as many as the rules do. The model's catch is expected: leads it
/// scores alike are shared by their average rate where the cut falls among them (see <see cref="TopCatch"/>).
/// </summary>
public sealed record WorkloadComparison(
    int TestLeads,
    long Positives,
    int RulesHandOver,
    long RulesFind,
    double ModelFindAtSameWorkload,
    int ModelLeadsForSameFinds);

/// <summary>Curves of one method on the test leads.</summary>
public sealed record TestCurves(IReadOnlyList<CurvePoint> Roc, IReadOnlyList<CurvePoint> Gains);
