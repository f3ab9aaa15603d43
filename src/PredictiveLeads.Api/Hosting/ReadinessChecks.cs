using Microsoft.Extensions.Diagnostics.HealthChecks;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// Ready when a model is served and the database takes writes: unhealthy with no model, when a probe write fails
/// (unreachable, read-only, full) or when the last write of the service failed and none succeeded since; degraded
/// while serving an older version because the registry's <c>current</c> names one that was refused.
/// </summary>
public sealed class ReadinessCheck(ModelHost models, IPredictionStore store, StorageHealth storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (models.Current is not { } serving)
            return HealthCheckResult.Unhealthy($"no model loaded: {models.ForClients(models.LastError ?? "no active version")}");
        try
        {
            await store.PingAsync(cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or InvalidOperationException or TimeoutException)
        {
            storage.WriteFailed("the readiness probe", e);
            return HealthCheckResult.Unhealthy($"the database takes no writes: {e.Message}");
        }
        if (storage.Failing is { } failure)
            return HealthCheckResult.Unhealthy($"{failure.What} failed at {failure.At:O} and nothing was written since: {failure.Reason}");
        if (models.LastError is { } refused)
            return HealthCheckResult.Degraded($"serving {serving.QualifiedVersion}, but the active version was refused: {models.ForClients(refused)}");
        return HealthCheckResult.Healthy($"serving {serving.QualifiedVersion}");
    }

    /// <summary>"Healthy: serving default/v0001", or the status with its reason: one line for people and probes alike.</summary>
    public static Task Write(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        var reasons = report.Entries.Values.Select(e => e.Description).OfType<string>();
        return http.Response.WriteAsync($"{report.Status}: {string.Join("; ", reasons)}\n");
    }
}
