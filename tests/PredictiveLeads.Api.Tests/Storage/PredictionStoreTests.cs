using PredictiveLeads.Api.Storage;
using PredictiveLeads.Learning.Tests;

namespace PredictiveLeads.Api.Tests.Storage;

public sealed class PredictionStoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public Task Sqlite_stores_predictions_and_outcomes() => Exercise(new SqlitePredictionStore(_temp.File("store.db")));

    [PostgresFact]
    public Task Postgres_stores_predictions_and_outcomes() => Exercise(new PostgresPredictionStore(postgres.Server.ConnectionString()));

    private static async Task Exercise(IPredictionStore store)
    {
        var cancel = CancellationToken.None;
        await store.InitializeAsync(cancel);
        await store.InitializeAsync(cancel); // idempotent
        await store.PingAsync(cancel);
        var lead = "00Q-" + Guid.NewGuid().ToString("N");
        var t0 = new DateTime(2025, 5, 1, 9, 0, 0, DateTimeKind.Utc);
        await store.InsertPredictionsAsync(
        [
            new PredictionRecord(t0, "crm", "v0001", lead, "001-a", "became_sql", 0.25, 40, "Lead"),
            new PredictionRecord(t0.AddHours(1), "crm", "v0002", lead, "001-a", "became_sql", 0.5, 60, "MQL"),
            new PredictionRecord(t0.AddHours(1), "crm", "v0002", lead, "001-a", "became_mql", 0.75, 60, "MQL"),
        ], cancel);

        Assert.True(await store.InsertOutcomeAsync(new OutcomeRecord(lead, "SQL", t0.AddDays(3), null, t0.AddDays(3)), cancel));
        Assert.False(await store.InsertOutcomeAsync(new OutcomeRecord(lead, "SQL", t0.AddDays(4), null, t0.AddDays(4)), cancel));

        var history = await store.HistoryAsync(lead, cancel);
        Assert.Equal([0.25, 0.5, 0.75], history.Select(h => h.Probability!.Value).Order());
        Assert.Equal(t0, history[0].Time);
        var latest = (await store.LatestPredictionsAsync(cancel)).Where(p => p.LeadId == lead).ToList();
        Assert.Equal(2, latest.Count);
        Assert.Equal(0.5, latest.Single(p => p.Outcome == "became_sql").Probability);
        var outcome = Assert.Single(await store.OutcomesAsync(lead, cancel));
        Assert.Equal(t0.AddDays(3), outcome.ReachedAt);
        Assert.Contains(await store.AllOutcomesAsync(cancel), o => o.LeadId == lead);
        Assert.Equal(3, (await store.RecentAsync(3, cancel)).Count);
        if (store is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
    }
}
