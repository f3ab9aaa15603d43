using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Tests.Webhooks;

/// <summary>The outbox on a real SQLite file: leases, results, and what pruning keeps.</summary>
public sealed class OutboxStoreTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly EventModel Model = new("default", "v0001");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_leased_delivery_is_not_leased_again_until_its_lease_ends_and_a_delivered_one_never()
    {
        var store = await Store();
        var e = WebhookEvent.StageChanged(Model, Start, "00Q-1", "Lead", "MQL");
        await store.EnqueueAsync([e], [(e.Id, "http://127.0.0.1:9/a")], Start, CancellationToken.None);

        var first = await store.ClaimDueAsync(Start, Start.AddMinutes(1), 10, CancellationToken.None);
        var during = await store.ClaimDueAsync(Start.AddSeconds(30), Start.AddMinutes(2), 10, CancellationToken.None);
        var after = await store.ClaimDueAsync(Start.AddMinutes(2), Start.AddMinutes(3), 10, CancellationToken.None);
        await store.MarkDeliveredAsync(after[0].Id, 204, Start.AddMinutes(2), CancellationToken.None);
        var later = await store.ClaimDueAsync(Start.AddDays(1), Start.AddDays(2), 10, CancellationToken.None);

        Assert.Equal(e.Body, Assert.Single(first).Body);
        Assert.Empty(during);
        Assert.Single(after);
        Assert.Empty(later);
    }

    [Fact]
    public async Task Pruning_deletes_finished_deliveries_older_than_the_cut_and_keeps_pending_and_recent_ones()
    {
        var store = await Store();
        var old = WebhookEvent.StageChanged(Model, Start, "00Q-old", "Lead", "MQL");
        var dead = WebhookEvent.StageChanged(Model, Start, "00Q-dead", "Lead", "MQL");
        var pending = WebhookEvent.StageChanged(Model, Start, "00Q-pending", "Lead", "MQL");
        var recent = WebhookEvent.StageChanged(Model, Start.AddDays(40), "00Q-recent", "Lead", "MQL");
        await store.EnqueueAsync([old, dead, pending], [(old.Id, "u"), (dead.Id, "u"), (pending.Id, "u")], Start, CancellationToken.None);
        await store.EnqueueAsync([recent], [(recent.Id, "u")], Start.AddDays(40), CancellationToken.None);
        foreach (var d in await store.ClaimDueAsync(Start.AddDays(40), Start.AddDays(41), 10, CancellationToken.None))
        {
            if (d.EventId == old.Id || d.EventId == recent.Id)
                await store.MarkDeliveredAsync(d.Id, 200, Start.AddDays(40), CancellationToken.None);
            else if (d.EventId == dead.Id)
                await store.MarkFailedAsync(d.Id, 500, "HTTP 500", null, CancellationToken.None);
            else
                await store.MarkFailedAsync(d.Id, 503, "HTTP 503", Start.AddDays(41), CancellationToken.None);
        }

        var deleted = await store.PruneAsync(Start.AddDays(30), CancellationToken.None);
        var left = await store.DeliveriesAsync(null, 100, null, CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.Equal(["00Q-pending", "00Q-recent"], left.Select(d => d.LeadId).Order());
        Assert.Equal(DeliveryStates.Retrying, left.Single(d => d.LeadId == "00Q-pending").State);
    }

    [Fact]
    public async Task Listing_a_page_after_a_position_gives_the_older_deliveries_and_breaks_ties_of_time_by_id()
    {
        var store = await Store();
        var events = Enumerable.Range(0, 5).Select(i => WebhookEvent.StageChanged(Model, Start, $"00Q-{i}", "Lead", "MQL")).ToList();
        // Two created at the same instant, three later ones a minute apart.
        await store.EnqueueAsync(events[..2], [.. events[..2].Select(e => (e.Id, "u"))], Start, CancellationToken.None);
        for (var i = 2; i < 5; i++)
            await store.EnqueueAsync([events[i]], [(events[i].Id, "u")], Start.AddMinutes(i), CancellationToken.None);
        var all = await store.DeliveriesAsync(null, 100, null, CancellationToken.None);

        var paged = new List<WebhookDelivery>();
        DeliveryPosition? before = null;
        while (true)
        {
            var page = await store.DeliveriesAsync(null, 2, before, CancellationToken.None);
            paged.AddRange(page);
            if (page.Count < 2)
                break;
            before = new DeliveryPosition(page[^1].CreatedAt, page[^1].Id);
        }

        Assert.Equal(5, all.Count);
        Assert.Equal(["00Q-4", "00Q-3", "00Q-2"], all.Take(3).Select(d => d.LeadId));
        Assert.Equal(all.Select(d => d.Id), paged.Select(d => d.Id));
    }

    private async Task<SqlitePredictionStore> Store()
    {
        var store = new SqlitePredictionStore(_temp.File("outbox.db"));
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
