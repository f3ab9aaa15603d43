using System.Data.Common;
using System.Text.Json;
using PredictiveLeads.Api.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// Every error as RFC 7807 problem details: unreadable request bodies (malformed JSON, wrong types, NaN) are 400
/// with the JSON path of the offending field; a database that fails (full, read-only, unreachable) is a 503 with
/// Retry-After and the database's reason; anything unexpected is a 500 that reveals nothing internal.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (400, "The request body is not valid JSON for this endpoint", Describe(json)),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read", bad.Message),
            DbException or IOException => (503, "Storage unavailable", $"The database could not complete the request ({StorageReason(exception)}); nothing was stored. Retry later."),
            _ => (500, "Unexpected error", "The error was logged."),
        };
        if (status == 503)
        {
            httpContext.RequestServices.GetService<StorageHealth>()?.WriteFailed(httpContext.Request.Path, exception);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            logger.LogError(exception, "Storage failed on {Path}", httpContext.Request.Path);
        }
        else if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Path}", httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private const string RetryAfterSeconds = "5";

    /// <summary>What the database said, without file paths.</summary>
    private static string StorageReason(Exception exception) =>
        exception is DbException ? exception.Message.Trim().TrimEnd('.') : "the database files could not be read or written";

    /// <summary>
    /// The JSON error in one line, with the path of the offending field when there is one; .NET's type names
    /// ("could not be converted to System.Nullable`1[System.Double]") are put in JSON's words.
    /// </summary>
    public static string Describe(JsonException json)
    {
        var path = !string.IsNullOrEmpty(json.Path) && json.Path != "$" ? $" at {json.Path}"
            : json.LineNumber is { } line ? $" at line {line + 1}, byte {json.BytePositionInLine + 1}" : "";
        var message = json.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
        message = DotNetTypeName().Replace(message, m => JsonKind(m.Value));
        return $"{message}{path}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(System|PredictiveLeads)\.[A-Za-z0-9_.`+\[\], ]*[A-Za-z0-9_\]]")]
    private static partial System.Text.RegularExpressions.Regex DotNetTypeName();

    private static string JsonKind(string typeName) => typeName switch
    {
        _ when typeName.Contains("Double", StringComparison.Ordinal) || typeName.Contains("Int", StringComparison.Ordinal) || typeName.Contains("Decimal", StringComparison.Ordinal) => "a number",
        _ when typeName.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when typeName.Contains("String", StringComparison.Ordinal) => "a string",
        _ when typeName.Contains("DateTime", StringComparison.Ordinal) => "an ISO-8601 date",
        _ when typeName.Contains("List", StringComparison.Ordinal) || typeName.Contains("[]", StringComparison.Ordinal) => "an array",
        _ => "the expected JSON value",
    };
}
