using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Monitoring;

namespace PredictiveLeads.Api.Monitoring;

/// <summary>Monitoring's champion-and-challenger section, read from the challenger's log by the database.</summary>
public static class ChallengerComparisons
{
    public static async Task<ChallengerMonitoring?> CompareAsync(ActiveModel champion, ActiveModel? challenger, IPredictionStore store, Task<RecordedOutcomes> recorded,
        CancellationToken cancellation)
    {
        if (challenger is null || challenger.Version == champion.Version)
            return null;
        var outcomes = new List<ChallengerOutcome>();
        foreach (var outcome in champion.Bundle.Manifest.Outcomes.Where(o => challenger.Bundle.Outcomes.Contains(o.Label)))
        {
            var scores = await store.ShadowScoresAsync(challenger.QualifiedVersion, champion.QualifiedVersion, outcome.Label, cancellation);
            var e = ChallengerComparison.Compare(outcome, champion.QualifiedVersion, challenger.QualifiedVersion, scores, await recorded);
            outcomes.Add(new ChallengerOutcome(e.Outcome, e.Leads, e.Positives, MonitoringApi.Finite(e.ObservedRate), e.Workload, ToResponse(e.Champion), ToResponse(e.Challenger)));
        }
        return new ChallengerMonitoring(champion.QualifiedVersion, challenger.QualifiedVersion, ChallengerComparison.WorkloadShare, outcomes);
    }

    private static VersionMonitoring ToResponse(VersionOnLeads v) => new(v.Version, MonitoringApi.Finite(v.RocAuc), MonitoringApi.Finite(v.ExpectedCalibrationError),
        MonitoringApi.Finite(v.MeanPredicted), v.PositivesCaught, [.. v.Reliability.Select(b => new ReliabilityBinResponse(b.Low, b.High, b.Rows, b.MeanPredicted, b.ObservedRate))]);
}
