using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Storage;

/// <summary>Where a delivery stands: waiting for its (next) attempt, delivered (a 2xx), or given up after too many failures.</summary>
public static class DeliveryStates
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Dead = "dead";

    /// <summary>Not a stored state: a pending delivery that has failed at least once.</summary>
    public const string Retrying = "retrying";

    public static IReadOnlyList<string> Listed { get; } = [Pending, Retrying, Delivered, Dead];
}

/// <summary>One event to one endpoint, as the outbox keeps it.</summary>
public sealed record WebhookDelivery(string Id, string EventId, string EventType, string? LeadId, string Endpoint, string State, int Attempts, DateTime CreatedAt,
    DateTime NextAttemptAt, int? LastStatus, string? LastError, DateTime? DeliveredAt);

/// <summary>Where a delivery stands in the newest-first listing: its creation time, then its id.</summary>
public sealed record DeliveryPosition(DateTime CreatedAt, string Id);

/// <summary>A delivery this instance has leased to attempt now, with the event's body.</summary>
public sealed record DueDelivery(string Id, string EventId, string EventType, string Endpoint, int Attempts, string Body);

/// <summary>
/// The webhook outbox, in the service's database: events and one delivery per subscribed endpoint, written durably in the
/// transaction that acknowledges them; instances lease due deliveries so that one of them attempts each.
/// </summary>
public interface IWebhookStore
{
    /// <summary>Stores the events and their deliveries, durably; an event whose id is already stored is skipped with its deliveries.</summary>
    Task EnqueueAsync(IReadOnlyList<WebhookEvent> events, IReadOnlyList<(string EventId, string Endpoint)> deliveries, DateTime now, CancellationToken cancellation);

    /// <summary>Leases up to <paramref name="max"/> pending deliveries due by <paramref name="now"/> and not leased by anyone else, until <paramref name="leaseUntil"/>.</summary>
    Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(DateTime now, DateTime leaseUntil, int max, CancellationToken cancellation);

    /// <summary>Records a 2xx, durably: a delivered event is never attempted again.</summary>
    Task MarkDeliveredAsync(string deliveryId, int status, DateTime at, CancellationToken cancellation);

    /// <summary>Records a failed attempt; the delivery is tried again at <paramref name="nextAttemptAt"/>, or is dead when that is null.</summary>
    Task MarkFailedAsync(string deliveryId, int? status, string problem, DateTime? nextAttemptAt, CancellationToken cancellation);

    /// <summary>
    /// The newest deliveries, in a listed state or all (null), at most <paramref name="limit"/>; with <paramref name="before"/>,
    /// only those listed after it (created earlier, or at the same time with a smaller id).
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(string? state, int limit, DeliveryPosition? before, CancellationToken cancellation);

    /// <summary>How many deliveries are in each listed state.</summary>
    Task<IReadOnlyDictionary<string, long>> DeliveryCountsAsync(CancellationToken cancellation);

    /// <summary>Deletes delivered and dead-lettered deliveries created before <paramref name="before"/>, and events left without any; returns how many deliveries went.</summary>
    Task<long> PruneAsync(DateTime before, CancellationToken cancellation);

    /// <summary>Ends every lease (at the start of the only instance: whatever it leased before a crash is due again).</summary>
    Task ReleaseLeasesAsync(CancellationToken cancellation);
}
