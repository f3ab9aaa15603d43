namespace PredictiveLeads.Api.Storage;

/// <summary>
/// What one run of the service's prediction log has received, written and dropped so far. It is stored in the
/// transaction of each batch the run writes, so a run that died with records still queued is known afterwards.
/// </summary>
public sealed record LogRunProgress(string RunId, DateTime StartedAt, DateTime Time, long Received, long Written, long Dropped)
{
    /// <summary>Received but neither written nor dropped yet: still queued when this was stored.</summary>
    public long Queued => Received - Written - Dropped;
}

/// <summary>
/// Runs whose last stored progress still had records queued and which have written nothing since: they stopped
/// without storing their log (killed, crashed, power lost). The records are a floor: those a run received after
/// its last write are not known.
/// </summary>
public sealed record CrashedRuns(long Runs, long RecordsLost);
