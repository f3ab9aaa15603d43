namespace PredictiveLeads.Api.Webhooks;

/// <summary>
/// Wakes the sender when this instance stores new events, so they go out at once rather than at the next poll; and
/// tells whoever waits (tests, shutdown) that an attempt's result was recorded.
/// </summary>
public sealed class WebhookSignal
{
    private TaskCompletionSource _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when new events are stored next (take it before looking for work).</summary>
    public Task EventsStored => Volatile.Read(ref _stored).Task;

    /// <summary>Completes when the next attempt's result is recorded.</summary>
    public Task AttemptRecorded => Volatile.Read(ref _recorded).Task;

    public void RaiseEventsStored() => Raise(ref _stored);

    public void RaiseAttemptRecorded() => Raise(ref _recorded);

    private static void Raise(ref TaskCompletionSource source) =>
        Interlocked.Exchange(ref source, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
