using Microsoft.Extensions.Options;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Webhooks;

/// <summary>
/// Puts events into the outbox, one delivery per endpoint that receives their type, durably, and wakes the sender.
/// With no endpoint for a type, its events are not even looked for.
/// </summary>
public sealed class WebhookPublisher(IWebhookStore store, IOptionsMonitor<WebhookOptions> options, WebhookSignal signal)
{
    public WebhookOptions Options => options.CurrentValue;

    private LeadEventsWanted? _leadEvents;

    public bool Wants(string type) => Options.Endpoints.Any(e => e.Receives(type));

    /// <summary>Whether any lead event has a receiver, so scorings need to look for them (asked by every scoring: worked out once per configuration).</summary>
    public bool WantsLeadEvents
    {
        get
        {
            var current = Options;
            if (Volatile.Read(ref _leadEvents) is { } known && ReferenceEquals(known.Source, current))
                return known.Wants;
            var wants = Wants(WebhookEventTypes.GradeChanged) || Wants(WebhookEventTypes.StageChanged) || Wants(WebhookEventTypes.CrossedThreshold);
            Volatile.Write(ref _leadEvents, new LeadEventsWanted(current, wants));
            return wants;
        }
    }

    private sealed record LeadEventsWanted(WebhookOptions Source, bool Wants);

    public IReadOnlyList<ProbabilityThreshold> Thresholds => [.. Options.Thresholds.Select(t => new ProbabilityThreshold(t.Outcome, t.Probability))];

    /// <summary>Stores the events durably before returning (a database failure throws: the caller must not acknowledge what caused them).</summary>
    public async Task PublishAsync(IReadOnlyList<WebhookEvent> events, DateTime now, CancellationToken cancellation)
    {
        var endpoints = Options.Endpoints;
        var deliveries = events.SelectMany(e => endpoints.Where(x => x.Receives(e.Type)).Select(x => (e.Id, x.Url))).ToList();
        if (deliveries.Count == 0)
            return;
        await store.EnqueueAsync([.. events.Where(e => deliveries.Any(d => d.Id == e.Id))], deliveries, now, cancellation);
        signal.RaiseEventsStored();
    }
}
