using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using PredictiveLeads.Api.Hosting;

namespace PredictiveLeads.Api.Tests.Api;

public sealed class ExpensiveWorkTests
{
    [Fact]
    public async Task Log_reading_requests_run_one_at_a_time_then_wait_in_the_queue_and_beyond_it_are_503_with_retry_after()
    {
        using var work = new ExpensiveWork(new RateLimitOptions { ExpensiveConcurrent = 1, ExpensiveQueue = 1 });
        var release = new TaskCompletionSource<object?>();
        EndpointFilterDelegate slow = _ => new ValueTask<object?>(release.Task);
        EndpointFilterDelegate quick = _ => ValueTask.FromResult<object?>("done");

        var running = work.Run(Invocation(), slow);
        var waiting = work.Run(Invocation(), quick);
        var refusedContext = new DefaultHttpContext();
        var refused = await work.Run(new DefaultEndpointFilterInvocationContext(refusedContext), quick);

        Assert.False(running.IsCompleted);
        Assert.False(waiting.IsCompleted);
        var problem = Assert.IsType<ProblemHttpResult>(refused);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Equal("1", refusedContext.Response.Headers.RetryAfter.ToString());
        release.SetResult("first");
        Assert.Equal("first", await running);
        Assert.Equal("done", await waiting);
    }

    [Fact]
    public void A_concurrency_out_of_range_is_refused_at_start_naming_the_setting()
    {
        var error = ApiFactory.StartFailure(new Dictionary<string, string> { ["RateLimit:ExpensiveConcurrent"] = "0" });

        Assert.Contains("RateLimit", error.ToString());
        Assert.Contains("ExpensiveConcurrent", error.ToString());
    }

    private static DefaultEndpointFilterInvocationContext Invocation() => new(new DefaultHttpContext());
}
