using Microsoft.Extensions.Logging.Abstractions;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Tests.Storage;

public sealed class PredictionLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pl-log-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Records_that_do_not_fit_in_the_queue_are_counted_as_dropped_and_the_rest_are_written()
    {
        var store = new SqlitePredictionStore(Path.Combine(_folder, "log.db"));
        await store.InitializeAsync(CancellationToken.None);
        var log = new PredictionLog(store, TimeProvider.System, NullLogger<PredictionLog>.Instance, capacity: 10);

        // The writer is not running yet, so the queue fills up.
        for (var i = 0; i < 25; i++)
            log.Add(new AccountRecord(DateTime.UnixEpoch, "test", "v1", $"acct-{i}", "{}"));

        Assert.Equal(15, log.Dropped);
        await log.StartAsync(CancellationToken.None);
        await log.StopAsync(CancellationToken.None);
        Assert.Equal((10L, 15L), (log.Written, log.Dropped));
        Assert.NotNull(await store.LatestAccountAsync("acct-9", CancellationToken.None));
        Assert.Null(await store.LatestAccountAsync("acct-10", CancellationToken.None));
    }

    [Fact]
    public async Task Records_still_queued_when_a_run_dies_are_counted_afterwards_and_a_run_that_stops_cleanly_adds_none()
    {
        var store = new SqlitePredictionStore(Path.Combine(_folder, "log.db"));
        await store.InitializeAsync(CancellationToken.None);
        await KillWithQueuedRecords(store, TimeProvider.System, received: 2_005);
        var clean = new PredictionLog(store, TimeProvider.System, NullLogger<PredictionLog>.Instance, capacity: 10_000);
        await clean.StartAsync(CancellationToken.None);
        for (var i = 0; i < 7; i++)
            clean.Add(Prediction($"clean-{i}"));
        await clean.StopAsync(CancellationToken.None);

        var stopped = await store.CrashedRunsAsync(DateTime.UtcNow.AddMinutes(1), CancellationToken.None);
        var stillRunning = await store.CrashedRunsAsync(DateTime.UtcNow.AddMinutes(-1), CancellationToken.None);

        // One batch of 2,000 was stored with 2,005 received; the run died writing the other five.
        Assert.Equal(new CrashedRuns(1, 5), stopped);
        Assert.Equal(new CrashedRuns(0, 0), stillRunning);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Runs a log whose store dies after its first batch, with <paramref name="received"/> records received before it starts.</summary>
    internal static async Task KillWithQueuedRecords(IPredictionStore store, TimeProvider clock, int received)
    {
        var dying = new PredictionLog(StoreThatDies.After(1, store), clock, NullLogger<PredictionLog>.Instance, capacity: 10_000);
        for (var i = 0; i < received; i++)
            dying.Add(Prediction($"dies-{i}"));
        var firstBatch = dying.Stored;
        await dying.StartAsync(CancellationToken.None);
        await firstBatch;
    }

    private static PredictionRecord Prediction(string lead) => new(DateTime.UtcNow, "test", "v1", lead, null, "became_sql", 0.5, 10, "Lead");
}
