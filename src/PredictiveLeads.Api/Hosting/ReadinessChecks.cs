using Microsoft.Extensions.Diagnostics.HealthChecks;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Hosting;

/// <summary>Ready when a model is loaded and the database answers.</summary>
public sealed class ReadinessCheck(ModelHost models, IPredictionStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (models.Current is null)
            return HealthCheckResult.Unhealthy($"no model loaded: {models.LastError}");
        try
        {
            await store.PingAsync(cancellationToken);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"database unreachable: {e.Message}");
        }
        return HealthCheckResult.Healthy($"serving {models.Current.QualifiedVersion}");
    }
}
