using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Api.Storage;

/// <summary>The recorded outcomes as the funnel sees them.</summary>
public static class StoredStages
{
    /// <summary>The furthest stage each lead with a recorded outcome reached (see <see cref="FunnelLabels"/>).</summary>
    public static async Task<Dictionary<string, FunnelStage>> FurthestStagesAsync(this IPredictionStore store, CancellationToken cancellation) =>
        FunnelLabels.FurthestStage((await store.AllOutcomesAsync(cancellation)).Select(o => (o.LeadId, FunnelStages.Parse(o.Stage) ?? FunnelStage.Lead)));
}
