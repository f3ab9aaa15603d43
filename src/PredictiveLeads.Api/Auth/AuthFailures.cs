using System.Globalization;
using System.Threading.RateLimiting;

namespace PredictiveLeads.Api.Auth;

/// <summary>
/// Failed authentications (an unknown API key on any path, a wrong key at sign-in), counted per client address. A client
/// with too many in the window gets 429 for every further key it presents until the window ends, the right key
/// included, so guessing gains nothing. Only failures count, and only the failing client's: others' guesses never lock
/// out a correct key. Behind a proxy the client address is the forwarded one, taken only from configured trusted proxies.
/// </summary>
public sealed class AuthFailures : IDisposable
{
    /// <summary>The problem type of a 429 (RFC 6585, section 4).</summary>
    public const string TooManyRequestsType = "https://www.rfc-editor.org/rfc/rfc6585#section-4";

    /// <summary>Set on a request refused because its client is locked out, so the challenge answers 429 rather than 401.</summary>
    public const string LockedOutItem = "predictiveleads.auth-locked-out";

    private readonly PartitionedRateLimiter<string> _failures;

    public AuthFailures(int failuresPerWindow, TimeSpan window)
    {
        Window = window;
        _failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = failuresPerWindow, Window = window, QueueLimit = 0, AutoReplenishment = true }));
    }

    public TimeSpan Window { get; }

    /// <summary>Whether the request's client has used up its failures.</summary>
    public bool IsLockedOut(HttpContext http) => _failures.GetStatistics(Client(http))?.CurrentAvailablePermits == 0;

    /// <summary>Counts a failed authentication against the request's client.</summary>
    public void Record(HttpContext http)
    {
        using var lease = _failures.AttemptAcquire(Client(http));
    }

    /// <summary>The 429 answer for a locked-out client.</summary>
    public Task LockedOut(HttpContext http)
    {
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(Window.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, type: TooManyRequestsType,
            title: "Too many failed authentications", detail: $"This client presented too many unknown keys; retry after {(int)Math.Ceiling(Window.TotalSeconds)} s.")
            .ExecuteAsync(http);
    }

    private static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => _failures.Dispose();
}
