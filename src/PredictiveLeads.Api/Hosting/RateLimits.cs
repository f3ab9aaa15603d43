using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;

namespace PredictiveLeads.Api.Hosting;

/// <summary>How much each API key (or signed-in person) may ask for, and how many failed authentications a client may make.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Requests per key per second on scoring, outcomes, models and sessions.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 5_000;

    /// <summary>Requests per key per minute on the endpoints that read the whole log: monitoring, the export and the dashboard's views.</summary>
    [Range(1, 1_000_000)]
    public int ExpensivePerMinute { get; set; } = 120;

    /// <summary>Log-reading requests (monitoring, the dashboard's views, the export) computed at once by this instance, whatever the key.</summary>
    [Range(1, 64)]
    public int ExpensiveConcurrent { get; set; } = 1;

    /// <summary>Log-reading requests that may wait for their turn; more are refused with 503.</summary>
    [Range(0, 10_000)]
    public int ExpensiveQueue { get; set; } = 64;

    /// <summary>Failed authentications per client address per minute, before that client is refused for the rest of the minute.</summary>
    [Range(1, 1_000_000)]
    public int FailedAuthPerMinute { get; set; } = 20;
}

/// <summary>Per-key rate limiting: over the limit is 429 with Retry-After, as problem details.</summary>
public static class RateLimits
{
    public const string PerKey = "per-key";

    /// <summary>The endpoints that read much of the log, per key: a burst of a tenth of the minute's allowance, then evenly.</summary>
    public const string Expensive = "expensive";

    public static IServiceCollection AddPerKeyRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
            throw new InvalidOperationException($"{RateLimitOptions.Section}: {string.Join("; ", problems.Select(p => p.ErrorMessage))}");
        var permits = options.PermitsPerSecond;
        var expensive = options.ExpensivePerMinute;
        services.AddSingleton(new Auth.AuthFailures(options.FailedAuthPerMinute, TimeSpan.FromMinutes(1)));
        services.AddSingleton(new ExpensiveWork(options));
        // The buckets' settings are made once here: a lambda written inside the per-request one would be a new delegate per request.
        Func<string, TokenBucketRateLimiterOptions> perKey = _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits, TokensPerPeriod = permits, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
        };
        Func<string, TokenBucketRateLimiterOptions> perKeyExpensive = _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, expensive / 10), TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1.0 / expensive),
            QueueLimit = 0, AutoReplenishment = true,
        };
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PerKey, http => RateLimitPartition.GetTokenBucketLimiter(http.User.FindFirstValue(ClaimTypes.Name) ?? "anonymous", perKey));
            limiter.AddPolicy(Expensive, http => RateLimitPartition.GetTokenBucketLimiter(http.User.FindFirstValue(ClaimTypes.Name) ?? "anonymous", perKeyExpensive));
            limiter.OnRejected = async (context, cancellation) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, type: Auth.AuthFailures.TooManyRequestsType, title: "Too many requests",
                    detail: $"Over the request limit; retry after {retry} s.").ExecuteAsync(context.HttpContext);
            };
        });
    }
}
