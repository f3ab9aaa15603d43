using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// Reads a small JSON request body whole, then deserializes it in one synchronous pass. The framework's binding
/// deserializes while the body streams in, through resumable converters; for a body of a few kilobytes that machinery
/// cost more than the scoring it feeds. The body's size is bounded by Kestrel's request limit.
/// </summary>
public static class JsonBody
{
    /// <summary>The body as <typeparamref name="T"/> (null when empty), or the problem to answer instead.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellation)
        where T : class
    {
        var type = TypeOf<T>(request.HttpContext);
        if (!request.HasJsonContentType())
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: "Send the body as application/json."));
        var reader = request.BodyReader;
        var read = await reader.ReadAsync(cancellation);
        while (!read.IsCompleted)
        {
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            read = await reader.ReadAsync(cancellation);
        }
        try
        {
            return (Deserialize(read, type), null);
        }
        catch (JsonException e)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request body is not valid JSON for this endpoint",
                detail: ProblemExceptionHandler.Describe(e)));
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
    }

    /// <summary>How the service's configured JSON options (de)serialize <typeparamref name="T"/>.</summary>
    internal static JsonTypeInfo<T> TypeOf<T>(HttpContext context) =>
        (JsonTypeInfo<T>)context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions.GetTypeInfo(typeof(T));

    private static T? Deserialize<T>(ReadResult read, JsonTypeInfo<T> type) where T : class
    {
        if (read.Buffer.IsEmpty)
            return null;
        var json = new Utf8JsonReader(read.Buffer);
        return JsonSerializer.Deserialize(ref json, type);
    }
}
