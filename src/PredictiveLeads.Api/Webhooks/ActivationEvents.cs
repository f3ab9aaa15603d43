using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Webhooks;

/// <summary>
/// Announces <c>model.activated</c> whenever the served version changes: through the activate endpoint (which waits for
/// the event to be stored before it answers), or through the registry's pointer (a <c>train</c> publishing, another
/// instance activating). The event's id is fixed by the version and the pointer's write time, so the instances that
/// all notice one activation store it once.
/// </summary>
public sealed class ActivationEvents(ModelHost models, WebhookPublisher publisher, TimeProvider clock, ILogger<ActivationEvents> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private string? _announced;

    /// <summary>Stores the activation of what is served now, if it is not the version last announced.</summary>
    public async Task AnnounceAsync(CancellationToken cancellation)
    {
        if (models.Current is not { } model)
            return;
        string? before;
        lock (_gate)
        {
            if (_announced == model.Version)
                return;
            before = _announced;
        }
        if (publisher.Wants(WebhookEventTypes.ModelActivated))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await publisher.PublishAsync([WebhookEvent.ModelActivated(new EventModel(model.Name, model.Version), now, before, models.Registry.ActivatedAt(model.Name))],
                now, cancellation);
        }
        lock (_gate)
            _announced = model.Version;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // What is served at start was activated before: only later changes are announced.
        lock (_gate)
            _announced = models.Current?.Version;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = models.Changed;
                try
                {
                    await AnnounceAsync(stoppingToken);
                    await changed.WaitAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "model.activated could not be stored in the webhook outbox; trying again shortly");
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
