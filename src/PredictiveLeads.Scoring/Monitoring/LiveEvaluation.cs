using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Comparison;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Monitoring;

/// <summary>One logged score of a lead whose outcome is now known: when, the model's probability and the rule points.</summary>
public sealed record KnownScore(DateTime Time, double Probability, double RulePoints, double Label);

/// <summary>A reliability bin: predictions in [Low, High), how many, their mean and the rate observed.</summary>
public sealed record CalibrationBin(double Low, double High, int Rows, double MeanPredicted, double ObservedRate);

/// <summary>One week's leads (by when they were scored; weeks start on Monday, UTC).</summary>
public sealed record WeekEvaluation(DateOnly Week, int Leads, double ModelRocAuc, double RulesRocAuc, double MeanPredicted, double ObservedRate);

/// <summary>How far the served model's recent scores moved from the scores of its test leads.</summary>
public sealed record DriftReading(int ScoresCompared, double Psi, string Reading);

/// <summary>How the model and the rules do on the leads of one outcome whose outcome is known, and whether scores drift.</summary>
public sealed record OutcomeEvaluation(
    string Outcome, int LeadsWithOutcome, int Positives, double ModelRocAuc, double RulesRocAuc, double ExpectedCalibrationError,
    double MeanPredicted, double ObservedRate, IReadOnlyList<CalibrationBin> Reliability, IReadOnlyList<WeekEvaluation> Weekly, DriftReading Drift);

/// <summary>Live evaluation: metrics are NaN where they cannot be computed yet (no known outcomes, one class only).</summary>
public static class LiveEvaluation
{
    /// <summary>Fewer recent scores than this give no drift reading.</summary>
    public const int MinScoresForDrift = 100;

    /// <summary>
    /// One of a bundle's outcomes judged on the log: the newest logged scoring of each lead whose outcome is known from
    /// what was recorded (see <see cref="RecordedOutcomes"/>); drift of <paramref name="recentScores"/> (the
    /// served version's) from the scores of its test leads.
    /// </summary>
    public static OutcomeEvaluation Evaluate(BundleOutcome outcome, IReadOnlyList<LoggedScore> latest, RecordedOutcomes recorded, IReadOnlyList<double> recentScores)
    {
        var counts = new long[outcome.ScoreDeciles.Count + 1];
        foreach (var score in recentScores)
            counts[Drift.Bin(outcome.ScoreDeciles, score)]++;
        return Evaluate(outcome, latest, recorded, counts);
    }

    /// <summary>The same, with the served version's recent scores counted per decile bin of its test leads' scores (as the database counts them).</summary>
    public static OutcomeEvaluation Evaluate(BundleOutcome outcome, IReadOnlyList<LoggedScore> latest, RecordedOutcomes recorded, IReadOnlyList<long> recentBins)
    {
        var stage = outcome.RecordedStage();
        var known = latest.Select(p => (Score: p, Label: recorded.Label(p.LeadId, outcome.Label, stage))).Where(p => p.Label is not null)
            .Select(p => new KnownScore(p.Score.Time, p.Score.Probability, p.Score.RulePoints ?? 0, p.Label!.Value)).ToList();
        return Evaluate(outcome.Label, known, recentBins);
    }

    public static OutcomeEvaluation Evaluate(string outcome, IReadOnlyList<KnownScore> known, IReadOnlyList<double> recentScores, IReadOnlyList<double> referenceDeciles)
    {
        var counts = new long[referenceDeciles.Count + 1];
        foreach (var score in recentScores)
            counts[Drift.Bin(referenceDeciles, score)]++;
        return Evaluate(outcome, known, counts);
    }

    private static OutcomeEvaluation Evaluate(string outcome, IReadOnlyList<KnownScore> known, IReadOnlyList<long> recentBins)
    {
        var labels = known.Select(k => k.Label).ToArray();
        var probabilities = known.Select(k => k.Probability).ToArray();
        var points = known.Select(k => k.RulePoints).ToArray();
        var calibration = known.Count > 0 ? ProbabilityMetrics.Calibration(probabilities, labels) : null;
        var psi = Drift.PopulationStabilityIndex(recentBins);
        var recentCount = (int)recentBins.Sum();
        return new OutcomeEvaluation(
            outcome, known.Count, labels.Count(l => l == 1),
            known.Count > 0 ? RankingMetrics.RocAuc(probabilities, labels) : double.NaN,
            known.Count > 0 ? RankingMetrics.RocAuc(points, labels) : double.NaN,
            calibration?.ExpectedCalibrationError ?? double.NaN,
            probabilities.Length > 0 ? probabilities.Average() : double.NaN,
            labels.Length > 0 ? labels.Average() : double.NaN,
            [.. (calibration?.Bins ?? []).Where(b => b.Rows > 0).Select(b => new CalibrationBin(b.Low, b.High, b.Rows, b.MeanPredicted, b.ObservedRate))],
            Weekly(known),
            new DriftReading(recentCount, psi, Reading(recentCount, psi)));
    }

    private static string Reading(int scores, double psi) =>
        scores < MinScoresForDrift ? "too few scores yet"
        : psi < 0.1 ? "stable"
        : psi < 0.25 ? "moderate shift"
        : "large shift: check the inputs and consider retraining";

    private static List<WeekEvaluation> Weekly(IReadOnlyList<KnownScore> known) =>
    [
        .. known.GroupBy(k => DateOnly.FromDateTime(k.Time.Date.AddDays(-(((int)k.Time.DayOfWeek + 6) % 7)))).OrderBy(g => g.Key).Select(week =>
        {
            var probabilities = week.Select(k => k.Probability).ToArray();
            var points = week.Select(k => k.RulePoints).ToArray();
            var y = week.Select(k => k.Label).ToArray();
            var bothClasses = y.Distinct().Count() == 2;
            return new WeekEvaluation(week.Key, y.Length,
                bothClasses ? RankingMetrics.RocAuc(probabilities, y) : double.NaN,
                bothClasses ? RankingMetrics.RocAuc(points, y) : double.NaN,
                probabilities.Average(), y.Average());
        }),
    ];
}
