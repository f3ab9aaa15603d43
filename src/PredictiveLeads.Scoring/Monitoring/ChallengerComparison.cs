using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Monitoring;

/// <summary>A lead's newest scoring by the challenger and, in the same request, by the champion.</summary>
public sealed record ShadowScore(string LeadId, double ChampionProbability, double ChallengerProbability);

/// <summary>How one version did on the compared leads: ranking, calibration, and positives among the leads it would have worked.</summary>
public sealed record VersionOnLeads(string Version, double RocAuc, double ExpectedCalibrationError, double MeanPredicted, int PositivesCaught, IReadOnlyList<CalibrationBin> Reliability);

/// <summary>Champion and challenger on the same leads of one outcome, whose outcome is now known.</summary>
public sealed record ChallengerEvaluation(string Outcome, int Leads, int Positives, double ObservedRate, int Workload, VersionOnLeads Champion, VersionOnLeads Challenger);

public static class ChallengerComparison
{
    /// <summary>The workload both are judged at: the most likely fifth of the compared leads, as a team would call them.</summary>
    public const double WorkloadShare = 0.2;

    public static ChallengerEvaluation Compare(BundleOutcome outcome, string championVersion, string challengerVersion, IReadOnlyList<ShadowScore> scores,
        RecordedOutcomes recorded)
    {
        var stage = outcome.RecordedStage();
        var known = scores.Select(s => (Score: s, Label: recorded.Label(s.LeadId, outcome.Label, stage))).Where(s => s.Label is not null)
            .OrderBy(s => s.Score.LeadId, StringComparer.Ordinal).ToList();
        var labels = known.Select(k => (double)k.Label!.Value).ToArray();
        var workload = (int)Math.Ceiling(WorkloadShare * known.Count);
        var ids = known.Select(k => k.Score.LeadId).ToArray();
        return new ChallengerEvaluation(outcome.Label, known.Count, labels.Count(l => l == 1), labels.Length > 0 ? labels.Average() : double.NaN, workload,
            On(championVersion, [.. known.Select(k => k.Score.ChampionProbability)], labels, ids, workload),
            On(challengerVersion, [.. known.Select(k => k.Score.ChallengerProbability)], labels, ids, workload));
    }

    private static VersionOnLeads On(string version, double[] probabilities, double[] labels, string[] ids, int workload)
    {
        if (probabilities.Length == 0)
            return new VersionOnLeads(version, double.NaN, double.NaN, double.NaN, 0, []);
        var calibration = ProbabilityMetrics.Calibration(probabilities, labels);
        // The most likely leads first; ties in lead id order, so both versions are cut the same way.
        var worked = Enumerable.Range(0, probabilities.Length).OrderByDescending(i => probabilities[i]).ThenBy(i => ids[i], StringComparer.Ordinal).Take(workload);
        return new VersionOnLeads(version, RankingMetrics.RocAuc(probabilities, labels), calibration.ExpectedCalibrationError, probabilities.Average(),
            worked.Count(i => labels[i] == 1), [.. calibration.Bins.Where(b => b.Rows > 0).Select(b => new CalibrationBin(b.Low, b.High, b.Rows, b.MeanPredicted, b.ObservedRate))]);
    }
}
