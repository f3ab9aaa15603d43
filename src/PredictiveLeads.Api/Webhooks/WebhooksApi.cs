using Microsoft.AspNetCore.Http.HttpResults;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Webhooks;

/// <summary>What the outbox holds: every delivery of every event and where it stands.</summary>
public static class WebhooksApi
{
    private const int MaxListed = 1000;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/webhooks/deliveries", Deliveries).WithTags("Webhooks").WithName("WebhookDeliveries").RequireAuthorization(Policies.Admin).ReadsTheLog()
            .WithSummary("Webhook deliveries, newest first, with their state (pending, retrying, delivered, dead), attempts and last error, a page at a time (nextCursor). Admin keys only.");
        return app;
    }

    public static async Task<Results<Ok<WebhookDeliveriesResponse>, ValidationProblem>> Deliveries(string? state, int? limit, string? cursor, IWebhookStore store,
        CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (state is not null && !DeliveryStates.Listed.Contains(state))
            errors["state"] = [$"'{state}' is not a state; use one of {string.Join(", ", DeliveryStates.Listed)}"];
        if (limit is < 1 or > MaxListed)
            errors["limit"] = [$"must be between 1 and {MaxListed}"];
        var before = cursor is null ? null : DeliveryCursor.Read(cursor);
        if (cursor is not null && before is null)
            errors["cursor"] = ["is not a cursor this service gave: pass a response's nextCursor as it is"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var pageSize = limit ?? 100;
        // One more than the page, to know whether another page follows.
        var deliveries = await store.DeliveriesAsync(state, pageSize + 1, before, cancellation);
        var page = deliveries.Take(pageSize).ToList();
        var next = deliveries.Count > pageSize ? DeliveryCursor.Write(new DeliveryPosition(page[^1].CreatedAt, page[^1].Id)) : null;
        return TypedResults.Ok(new WebhookDeliveriesResponse(Counts(await store.DeliveryCountsAsync(cancellation)), [.. page.Select(d => new WebhookDeliveryResponse(
            d.Id, d.EventId, d.EventType, d.LeadId, d.Endpoint, d.State, d.Attempts, d.CreatedAt,
            d.State is DeliveryStates.Pending or DeliveryStates.Retrying ? d.NextAttemptAt : null, d.LastStatus, d.LastError, d.DeliveredAt))], next));
    }

    public static WebhookCounts Counts(IReadOnlyDictionary<string, long> counts) => new(counts.GetValueOrDefault(DeliveryStates.Pending),
        counts.GetValueOrDefault(DeliveryStates.Retrying), counts.GetValueOrDefault(DeliveryStates.Delivered), counts.GetValueOrDefault(DeliveryStates.Dead));
}
