using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;

namespace PredictiveLeads.Api.Hosting;

/// <summary>Requests allowed per API key per second (<c>RateLimit:PermitsPerSecond</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 5_000;
}

/// <summary>Per-key rate limiting: over the limit is 429 with Retry-After, as problem details.</summary>
public static class RateLimits
{
    public const string PerKey = "per-key";

    /// <summary>Sign-in attempts per client address: enough for people, too few to guess keys.</summary>
    public const string SignIn = "sign-in";

    public static IServiceCollection AddPerKeyRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>()?.PermitsPerSecond ?? new RateLimitOptions().PermitsPerSecond;
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PerKey, http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirstValue(ClaimTypes.Name) ?? "anonymous",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = permits, TokensPerPeriod = permits, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
                }));
            limiter.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (context, cancellation) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"Over the request limit; retry after {retry} s.").ExecuteAsync(context.HttpContext);
            };
        });
    }
}
