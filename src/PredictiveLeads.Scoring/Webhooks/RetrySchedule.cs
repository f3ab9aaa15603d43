namespace PredictiveLeads.Scoring.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential backoff (the first delay doubling per failure, up to a cap) with
/// "full jitter", a uniformly random wait up to that bound, so that endpoints coming back are not hit by every
/// instance's retries at the same moment.
/// </summary>
public sealed record RetrySchedule(TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    /// <summary>The wait after the <paramref name="failures"/>-th failure (1 for the first), with <paramref name="random"/> in [0, 1).</summary>
    public TimeSpan After(int failures, double random)
    {
        var bound = FirstDelay.TotalSeconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var capped = Math.Min(bound, MaxDelay.TotalSeconds);
        // At least a tenth of the bound: a zero wait would retry in the same breath.
        return TimeSpan.FromSeconds(capped * (0.1 + 0.9 * random));
    }
}
