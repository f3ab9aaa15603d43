using Microsoft.Extensions.Options;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Api.Webhooks;
using PredictiveLeads.Scoring.Fields;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Monitoring;

/// <summary>
/// Moves each served version's running field counts into the database every few seconds (and at shutdown), where all
/// instances' counts add up, and announces <c>model.drift</c> for a field whose PSI reaches the threshold, once per
/// version and field.
/// </summary>
public sealed class FieldDriftTracker(ModelHost models, IFieldCountStore store, WebhookPublisher webhooks, IOptionsMonitor<DriftOptions> options, TimeProvider clock,
    ILogger<FieldDriftTracker> logger) : BackgroundService
{
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly Dictionary<(string Version, string Field), double> _lastPsi = [];
    private readonly HashSet<(string Version, string Field)> _announced = [];
    private ActiveModel? _last;

    /// <summary>Every tracked field's live counts for <paramref name="model"/>: the database's and this instance's not stored yet. Null when it tracks none.</summary>
    public async Task<IReadOnlyList<long[]>?> CountsAsync(ActiveModel model, CancellationToken cancellation)
    {
        if (model.Fields is not { } tally)
            return null;
        var counts = tally.Pending();
        var index = tally.Fields.Select((f, i) => (f.Field, i)).ToDictionary(x => x.Field, x => x.i, StringComparer.Ordinal);
        foreach (var (field, bin, leads) in await store.FieldCountsAsync(model.QualifiedVersion, cancellation))
        {
            if (index.TryGetValue(field, out var f) && bin < counts[f].Length)
                counts[f][bin] += leads;
        }
        return counts;
    }

    /// <summary>Stores the counts gathered since the last flush and announces fields that drifted.</summary>
    public async Task FlushAsync(CancellationToken cancellation)
    {
        await _flushing.WaitAsync(cancellation);
        try
        {
            var current = models.Current;
            if (_last is not null && !ReferenceEquals(_last, current))
                await StoreAsync(_last, cancellation);
            _last = current;
            if (current is null)
                return;
            await StoreAsync(current, cancellation);
            await AnnounceDriftAsync(current, cancellation);
        }
        finally
        {
            _flushing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(options.CurrentValue.FlushSeconds), clock, stoppingToken);
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Field drift counts could not be stored or checked; they are kept and tried again");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Field drift counts of this run could not be stored at shutdown; they are lost");
        }
    }

    private async Task StoreAsync(ActiveModel model, CancellationToken cancellation)
    {
        if (model.Fields is not { } tally)
            return;
        var taken = tally.Take();
        var rows = tally.Fields.SelectMany((field, f) => taken[f].Select((leads, bin) => new FieldCount(field.Field, bin, leads))).Where(c => c.Leads > 0).ToList();
        try
        {
            await store.AddFieldCountsAsync(model.QualifiedVersion, rows, cancellation);
        }
        catch
        {
            tally.Restore(taken);
            throw;
        }
    }

    private async Task AnnounceDriftAsync(ActiveModel model, CancellationToken cancellation)
    {
        if (!webhooks.Wants(WebhookEventTypes.ModelDrift) || await CountsAsync(model, cancellation) is not { } counts)
            return;
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var reading in FieldDrift.Read(model.Fields!.Fields, counts))
        {
            var key = (model.QualifiedVersion, reading.Field);
            var before = _lastPsi.TryGetValue(key, out var psi) ? psi : (double?)null;
            _lastPsi[key] = reading.Psi;
            if (reading.Leads < settings.MinimumLeads || reading.Psi < settings.Threshold || _announced.Contains(key))
                continue;
            await webhooks.PublishAsync([WebhookEvent.ModelDrift(new EventModel(model.Name, model.Version), now, reading.Field, settings.Threshold, before, reading.Psi,
                reading.Leads)], now, cancellation);
            _announced.Add(key);
            logger.LogWarning("Field {Field} drifted for {Version}: PSI {Psi:0.###} over {Leads} scored leads (threshold {Threshold})", reading.Field,
                model.QualifiedVersion, reading.Psi, reading.Leads, settings.Threshold);
        }
    }
}
