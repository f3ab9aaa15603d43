using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// Every error as RFC 7807 problem details: unreadable request bodies (malformed JSON, wrong types, NaN) are 400
/// with the JSON path of the offending field; anything unexpected is a 500 that reveals nothing internal.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (400, "The request body is not valid JSON for this endpoint", Describe(json)),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read", bad.Message),
            _ => (500, "Unexpected error", "The error was logged."),
        };
        if (status >= 500)
            logger.LogError(exception, "Unhandled error on {Path}", httpContext.Request.Path);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>The JSON error in one line, with the path of the offending field when there is one.</summary>
    public static string Describe(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : $" at {json.Path}";
        var message = json.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
        return $"{message}{path}";
    }
}
