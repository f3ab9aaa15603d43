using System.Threading.RateLimiting;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// Runs the endpoints that read much of the log (monitoring, the dashboard's views, the export) a few at a time for
/// the whole service, the rest waiting in a queue that costs no CPU. Per-key limits alone let many keys, or one key's
/// burst, run twenty at once: each is CPU-bound work of a tenth of a second or more, queued on the same threads as
/// scoring, which then waited seconds. Beyond the queue the answer is 503 with Retry-After.
/// </summary>
public sealed class ExpensiveWork(RateLimitOptions options) : IDisposable
{
    private readonly ConcurrencyLimiter _running = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.ExpensiveConcurrent, QueueLimit = options.ExpensiveQueue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public async ValueTask<object?> Run(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var lease = await _running.AcquireAsync(1, context.HttpContext.RequestAborted);
        if (!lease.IsAcquired)
        {
            context.HttpContext.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy",
                detail: $"{options.ExpensiveConcurrent} log-reading requests are running and {options.ExpensiveQueue} waiting; retry after 1 s.");
        }
        return await next(context);
    }

    public void Dispose() => _running.Dispose();
}

/// <summary>Marks endpoints as log-reading work: the per-key <see cref="RateLimits.Expensive"/> limit, then <see cref="ExpensiveWork"/>.</summary>
public static class ExpensiveEndpoints
{
    public static TBuilder ReadsTheLog<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(RateLimits.Expensive)
            .AddEndpointFilter((context, next) => context.HttpContext.RequestServices.GetRequiredService<ExpensiveWork>().Run(context, next));
}
