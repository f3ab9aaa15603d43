using System.Threading.Channels;

namespace PredictiveLeads.Api.Storage;

/// <summary>
/// Logs predictions without ever slowing or failing scoring: records go into a bounded in-memory queue and a
/// background writer stores them in batches. When the queue is full, or the database fails, records are
/// dropped and counted (reported by monitoring). Whatever is queued is written when the service stops.
/// </summary>
public sealed class PredictionLog(IPredictionStore store, ILogger<PredictionLog> logger) : BackgroundService
{
    private const int Capacity = 200_000;
    private const int BatchSize = 2_000;

    /// <summary>How long the writer lets records gather before a batch, so busy periods become few large transactions.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);
    private readonly Channel<LogEntry> _queue = Channel.CreateBounded<LogEntry>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private long _dropped;
    private long _written;

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Written => Interlocked.Read(ref _written);

    public void Add(LogEntry record)
    {
        if (!_queue.Writer.TryWrite(record))
            Interlocked.Increment(ref _dropped);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LogEntry>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Gather, stoppingToken);
                await Drain(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }
        // Stopping: write what is left before the process ends.
        await Drain(batch, CancellationToken.None);
    }

    private async Task Drain(List<LogEntry> batch, CancellationToken cancellation)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var record))
                batch.Add(record);
            if (batch.Count == 0)
                return;
            await Write(batch.OfType<PredictionRecord>().ToList(), store.InsertPredictionsAsync, "predictions", cancellation);
            await Write(batch.OfType<AccountRecord>().ToList(), store.InsertAccountsAsync, "account scorings", cancellation);
        }
    }

    private async Task Write<T>(IReadOnlyList<T> records, Func<IReadOnlyList<T>, CancellationToken, Task> insert, string what, CancellationToken cancellation)
    {
        if (records.Count == 0)
            return;
        try
        {
            await insert(records, cancellation);
            Interlocked.Add(ref _written, records.Count);
        }
        catch (Exception e)
        {
            Interlocked.Add(ref _dropped, records.Count);
            logger.LogError(e, "Could not store {Count} {What}; they are counted as lost", records.Count, what);
        }
    }
}
