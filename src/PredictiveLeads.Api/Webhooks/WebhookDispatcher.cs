using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Webhooks;

/// <summary>
/// Sends the outbox's due deliveries in the background, at least once and across restarts: each is leased (so one
/// instance attempts it), posted signed, and recorded as delivered on a 2xx, else retried later on an exponential,
/// jittered schedule until <see cref="WebhookOptions.MaxAttempts"/> failures dead-letter it.
/// </summary>
public sealed class WebhookDispatcher(IWebhookStore store, IPredictionStore predictions, IHttpClientFactory clients, IOptionsMonitor<WebhookOptions> options,
    WebhookSignal signal, TimeProvider clock, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string ClientName = "webhooks";
    private const int DeliveriesPerClaim = 16;
    private const int Concurrent = 4;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private DateTime _prunedAt = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!predictions.SharedWithOtherInstances)
                await store.ReleaseLeasesAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = signal.EventsStored;
                var sent = 0;
                try
                {
                    sent = await SendDueAsync(stoppingToken);
                    await PruneAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Webhook deliveries could not be read from the outbox; trying again at the next poll");
                }
                if (sent == 0)
                    await Task.WhenAny(wake, Task.Delay(TimeSpan.FromSeconds(options.CurrentValue.PollSeconds), clock, stoppingToken));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Once an hour, deletes what is finished and older than <see cref="WebhookOptions.KeepDays"/>, so the outbox does not grow forever.</summary>
    private async Task PruneAsync(CancellationToken cancellation)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - _prunedAt < PruneEvery)
            return;
        _prunedAt = now;
        var deleted = await store.PruneAsync(now.AddDays(-options.CurrentValue.KeepDays), cancellation);
        if (deleted > 0)
            logger.LogInformation("Deleted {Count} finished webhook deliveries older than {Days} days", deleted, options.CurrentValue.KeepDays);
    }

    /// <summary>Leases the due deliveries and attempts them; returns how many were attempted.</summary>
    private async Task<int> SendDueAsync(CancellationToken cancellation)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        // Long enough for every quick retry to time out, so no other instance takes a delivery still being attempted.
        var lease = TimeSpan.FromSeconds((settings.QuickRetries + 1) * (settings.TimeoutSeconds + settings.QuickRetrySeconds * 4) + 30);
        var due = await store.ClaimDueAsync(now, now + lease, DeliveriesPerClaim, cancellation);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Concurrent, CancellationToken = cancellation },
            async (delivery, token) =>
            {
                await AttemptAsync(delivery, settings, token);
                signal.RaiseAttemptRecorded();
            });
        return due.Count;
    }

    private async Task AttemptAsync(DueDelivery delivery, WebhookOptions settings, CancellationToken cancellation)
    {
        var endpoint = settings.Endpoints.FirstOrDefault(e => e.Url == delivery.Endpoint);
        if (endpoint is null)
        {
            await store.MarkFailedAsync(delivery.Id, null, "the endpoint is no longer configured (Webhooks:Endpoints), so the delivery was dead-lettered", null, cancellation);
            return;
        }
        int? status = null;
        string error;
        try
        {
            using var request = Request(delivery, endpoint);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellation);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await store.MarkDeliveredAsync(delivery.Id, status.Value, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
                return;
            }
            error = $"HTTP {status} {response.ReasonPhrase}";
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or TimeoutException
            or Polly.Timeout.TimeoutRejectedException)
        {
            error = e is HttpRequestException ? $"could not connect or send: {e.Message}" : $"no answer within {settings.TimeoutSeconds} s";
        }
        var failures = delivery.Attempts + 1;
        var dead = failures >= settings.MaxAttempts;
        var next = dead ? (DateTime?)null
            : clock.GetUtcNow().UtcDateTime + new RetrySchedule(TimeSpan.FromSeconds(settings.FirstRetrySeconds), TimeSpan.FromSeconds(settings.MaxRetrySeconds))
                .After(failures, Random.Shared.NextDouble());
        if (dead)
            logger.LogWarning("Webhook {Type} {Event} to {Endpoint} dead-lettered after {Failures} failed attempts: {Error}", delivery.EventType, delivery.EventId,
                delivery.Endpoint, failures, error);
        await store.MarkFailedAsync(delivery.Id, status, error, next, CancellationToken.None);
    }

    /// <summary>The POST, signed now: a retry carries a fresh timestamp, so receivers may refuse old ones as replays.</summary>
    private HttpRequestMessage Request(DueDelivery delivery, WebhookEndpointOptions endpoint)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(endpoint.Secret, timestamp, delivery.Body));
        request.Headers.Add("X-PredictiveLeads-Event", delivery.EventType);
        request.Headers.Add("X-PredictiveLeads-Delivery", delivery.Id);
        return request;
    }
}
