using System.Collections.Concurrent;
using System.Threading.Channels;

namespace PredictiveLeads.Api.Storage;

/// <summary>
/// Logs predictions without ever slowing or failing scoring: records go into a bounded in-memory queue and a
/// background writer stores them in batches. When the queue is full, or the database fails, records are
/// dropped and counted (reported by monitoring). Whatever is queued is written when the service stops; each batch
/// also stores this run's counts (see <see cref="LogRunProgress"/>), so records still queued when a run is killed are
/// counted by the runs after it.
/// </summary>
public sealed class PredictionLog : BackgroundService
{
    private const int DefaultCapacity = 200_000;
    private const int BatchSize = 2_000;

    /// <summary>How long the writer lets records gather before a batch, so busy periods become few large transactions.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);
    private readonly IPredictionStore _store;
    private readonly ILogger<PredictionLog> _logger;
    private readonly Channel<LogEntry> _queue;
    private readonly StorageHealth _health;
    private readonly string _runId = Guid.NewGuid().ToString("N");
    private readonly DateTime _startedAt;
    private long _received;
    private long _dropped;
    private long _written;
    private TaskCompletionSource _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Each lead's newest queued prediction per outcome until it is written: a new scoring compares with it before the database has it.</summary>
    private readonly ConcurrentDictionary<(string LeadId, string Outcome), PredictionRecord> _unwritten = new();

    public PredictionLog(IPredictionStore store, TimeProvider clock, ILogger<PredictionLog> logger, StorageHealth health)
        : this(store, clock, logger, DefaultCapacity, health)
    {
    }

    internal PredictionLog(IPredictionStore store, TimeProvider clock, ILogger<PredictionLog> logger, int capacity, StorageHealth? health = null)
    {
        _health = health ?? new StorageHealth(clock);
        _store = store;
        Clock = clock;
        _startedAt = clock.GetUtcNow().UtcDateTime;
        _logger = logger;
        // A full queue drops the new record and still reports the write as done: only this callback sees the drop.
        _queue = Channel.CreateBounded<LogEntry>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            dropped =>
            {
                Interlocked.Increment(ref _dropped);
                Forget(dropped);
            });
    }

    /// <summary>The service's clock, which stamps every record.</summary>
    public TimeProvider Clock { get; }

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Written => Interlocked.Read(ref _written);

    /// <summary>Completes the next time a batch has been stored or lost (take it before reading the counts).</summary>
    public Task Stored => Volatile.Read(ref _stored).Task;

    public void Add(LogEntry record)
    {
        Interlocked.Increment(ref _received);
        if (record is PredictionRecord { LeadId: { } leadId } prediction)
            _unwritten[(leadId, prediction.Outcome)] = prediction;
        if (!_queue.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _dropped);
            Forget(record);
        }
    }

    private void Forget(LogEntry record)
    {
        if (record is PredictionRecord { LeadId: { } leadId } prediction)
            _unwritten.TryRemove(KeyValuePair.Create((leadId, prediction.Outcome), prediction));
    }

    /// <summary>The newest prediction of the lead's outcome that this instance queued and has not written yet; null when none.</summary>
    public PredictionRecord? Unwritten(string leadId, string outcome) => _unwritten.GetValueOrDefault((leadId, outcome));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LogEntry>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Gather, stoppingToken);
                await Drain(batch, _queue.Reader.Count, CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Stops the writer, then writes what is left. Draining here rather than at the end of <see cref="ExecuteAsync"/>:
    /// a service stopped right after it started may never have run it, and its queued records were lost.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Drain(new List<LogEntry>(BatchSize), int.MaxValue, CancellationToken.None);
    }

    /// <summary>
    /// Writes the <paramref name="count"/> records queued when called, in batches of at most <see cref="BatchSize"/>. Records
    /// arriving meanwhile wait for the next gathering: writing each trickle as soon as the last write ended made batches of
    /// a few rows under load, each paying a whole transaction (aggregates, commit) for them.
    /// </summary>
    private async Task Drain(List<LogEntry> batch, int count, CancellationToken cancellation)
    {
        while (count > 0)
        {
            batch.Clear();
            while (batch.Count < Math.Min(BatchSize, count) && _queue.Reader.TryRead(out var record))
                batch.Add(record);
            if (batch.Count == 0)
                return;
            count -= batch.Count;
            var predictions = batch.OfType<PredictionRecord>().ToList();
            await Write(predictions, _store.InsertPredictionsAsync, "predictions", cancellation);
            foreach (var written in predictions)
                Forget(written);
            await Write(batch.OfType<AccountRecord>().ToList(), _store.InsertAccountsAsync, "account scorings", cancellation);
        }
    }

    private async Task Write<T>(IReadOnlyList<T> records, Func<IReadOnlyList<T>, Func<LogRunProgress>, CancellationToken, Task> insert, string what, CancellationToken cancellation)
    {
        if (records.Count == 0)
            return;
        try
        {
            // Dropped is read before received, so every record it counts is among those received; a record received
            // later shows as queued, and a later batch stores it and the counts again.
            LogRunProgress Progress()
            {
                var dropped = Dropped;
                return new LogRunProgress(_runId, _startedAt, Clock.GetUtcNow().UtcDateTime, Interlocked.Read(ref _received), Written + records.Count, dropped);
            }

            await insert(records, Progress, cancellation);
            Interlocked.Add(ref _written, records.Count);
            _health.WriteSucceeded();
        }
        catch (Exception e)
        {
            Interlocked.Add(ref _dropped, records.Count);
            _health.WriteFailed($"logging {what}", e);
            _logger.LogError(e, "Could not store {Count} {What}; they are counted as lost", records.Count, what);
        }
        finally
        {
            Interlocked.Exchange(ref _stored, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}
