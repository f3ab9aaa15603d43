namespace PredictiveLeads.Api.Storage;

/// <summary>
/// Whether the database has lately taken what it was given: the newest write failure (a full disk, a read-only or
/// unreachable database) is reported by readiness until a later write succeeds or a minute passes without another
/// (so an instance taken out of a load balancer's rotation gets traffic again to find out).
/// </summary>
public sealed class StorageHealth(TimeProvider clock)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private (DateTime At, string What, string Reason)? _failure;

    /// <summary>The newest write failure of the last minute not yet followed by a successful write.</summary>
    public (DateTime At, string What, string Reason)? Failing
    {
        get
        {
            lock (_gate)
                return _failure is { } failure && clock.GetUtcNow().UtcDateTime - failure.At < Remembered ? failure : null;
        }
    }

    public void WriteFailed(string what, Exception exception)
    {
        lock (_gate)
            _failure = (clock.GetUtcNow().UtcDateTime, what, exception.Message);
    }

    public void WriteSucceeded()
    {
        lock (_gate)
            _failure = null;
    }
}
