using System.Collections.Concurrent;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Tests;

/// <summary>Waits on the service's own signals instead of sleeping; a wait that runs out fails with a timeout.</summary>
internal static class Signals
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static Task UntilServing(this ModelHost host, string version) => Until(() => host.Changed, () => host.Current?.Version == version);

    public static Task UntilChallenger(this ModelHost host, string version) => Until(() => host.Changed, () => { host.Reload(); return host.Challenger?.Version == version; });

    public static Task UntilRefused(this ModelHost host, string reasonPart) =>
        Until(() => host.Changed, () => host.LastError?.Contains(reasonPart, StringComparison.Ordinal) == true);

    public static Task UntilWritten(this PredictionLog log, long records) => Until(() => log.Stored, () => log.Written >= records);

    // The signal is taken before the check, so a change between the two is never missed.
    private static async Task Until(Func<Task> signal, Func<bool> done)
    {
        while (true)
        {
            var next = signal();
            if (done())
                return;
            await next.WaitAsync(Patience);
        }
    }
}

/// <summary>The model versions seen in answers, each signalled the first time it is seen.</summary>
internal sealed class SeenVersions
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _seen = new(StringComparer.Ordinal);

    public void Saw(string version) => Source(version).TrySetResult();

    public bool Contains(string version) => _seen.TryGetValue(version, out var source) && source.Task.IsCompleted;

    public Task First(string version) => Source(version).Task.WaitAsync(TimeSpan.FromSeconds(30));

    private TaskCompletionSource Source(string version) => _seen.GetOrAdd(version, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
