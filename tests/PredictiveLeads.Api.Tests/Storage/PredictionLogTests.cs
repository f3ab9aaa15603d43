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
}
