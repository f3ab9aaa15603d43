using Microsoft.Data.Sqlite;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Tests.Webhooks;

/// <summary>The real outbox, whose event writes fail like a full disk while <see cref="Failing"/> is set.</summary>
internal sealed class OutboxThatFails(IWebhookStore store) : IWebhookStore
{
    public bool Failing { get; set; }

    public Task EnqueueAsync(IReadOnlyList<WebhookEvent> events, IReadOnlyList<(string EventId, string Endpoint)> deliveries, DateTime now, CancellationToken cancellation) =>
        Failing ? throw new SqliteException("database or disk is full", 13) : store.EnqueueAsync(events, deliveries, now, cancellation);

    public Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(DateTime now, DateTime leaseUntil, int max, CancellationToken cancellation) => store.ClaimDueAsync(now, leaseUntil, max, cancellation);

    public Task MarkDeliveredAsync(string deliveryId, int status, DateTime at, CancellationToken cancellation) => store.MarkDeliveredAsync(deliveryId, status, at, cancellation);

    public Task MarkFailedAsync(string deliveryId, int? status, string problem, DateTime? nextAttemptAt, CancellationToken cancellation) =>
        store.MarkFailedAsync(deliveryId, status, problem, nextAttemptAt, cancellation);

    public Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(string? state, int limit, DeliveryPosition? before, CancellationToken cancellation) =>
        store.DeliveriesAsync(state, limit, before, cancellation);

    public Task<IReadOnlyDictionary<string, long>> DeliveryCountsAsync(CancellationToken cancellation) => store.DeliveryCountsAsync(cancellation);

    public Task<long> PruneAsync(DateTime before, CancellationToken cancellation) => store.PruneAsync(before, cancellation);

    public Task ReleaseLeasesAsync(CancellationToken cancellation) => store.ReleaseLeasesAsync(cancellation);
}
