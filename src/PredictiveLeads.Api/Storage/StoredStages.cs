using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Api.Storage;

/// <summary>The recorded outcomes as the funnel sees them.</summary>
public static class StoredStages
{
    /// <summary>Every recorded outcome: stages reached and outcomes recorded by name (see <see cref="RecordedOutcomes"/>).</summary>
    public static async Task<RecordedOutcomes> RecordedOutcomesAsync(this IPredictionStore store, CancellationToken cancellation) =>
        RecordedOutcomes.From(await store.RecordedStagesAsync(cancellation));
}
