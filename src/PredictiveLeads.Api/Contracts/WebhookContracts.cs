using System.ComponentModel;

namespace PredictiveLeads.Api.Contracts;

/// <summary>The outbox's deliveries, newest first, and how many are in each state.</summary>
public sealed record WebhookDeliveriesResponse(
    WebhookCounts Counts,
    IReadOnlyList<WebhookDeliveryResponse> Deliveries,
    [property: Description("Pass as cursor for the next page (older deliveries, same state and limit); null on the last page")] string? NextCursor);

/// <summary>Deliveries by state: pending (not attempted yet), retrying (failed, to be tried again), delivered (a 2xx), dead (gave up).</summary>
public sealed record WebhookCounts(long Pending, long Retrying, long Delivered, long Dead);

public sealed record WebhookDeliveryResponse(
    string Id,
    string EventId,
    string Type,
    string? LeadId,
    string Endpoint,
    [property: Description("pending, retrying, delivered or dead")] string State,
    int Attempts,
    DateTime CreatedAt,
    [property: Description("When a pending or retrying delivery is attempted next")] DateTime? NextAttemptAt,
    int? LastStatus,
    string? LastError,
    DateTime? DeliveredAt);
