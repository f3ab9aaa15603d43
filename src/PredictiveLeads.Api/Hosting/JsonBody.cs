using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// Reads a JSON request body whole, then deserializes it in one synchronous pass with the generated metadata. The
/// framework's binding deserializes while the body streams in, keeping resumable state for bodies that arrive in
/// pieces; a scoring request arrives in one piece, and that machinery cost more than reading it. Failures are the
/// framework's: 415 for a body that is not JSON, a 400 carrying the JSON error (see <see cref="ProblemExceptionHandler"/>).
/// </summary>
public static class JsonBody
{
    /// <summary>The body as <typeparamref name="T"/>; null when the request has no body.</summary>
    public static async ValueTask<T?> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo) where T : class
    {
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false)
            return null;
        if (!IsJson(request))
            throw new BadHttpRequestException($"Expected a supported JSON media type but got \"{request.ContentType}\".", StatusCodes.Status415UnsupportedMediaType);
        var body = request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync(request.HttpContext.RequestAborted);
            if (!read.IsCompleted)
            {
                body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                continue;
            }
            try
            {
                return read.Buffer.IsEmpty ? null : Deserialize(read.Buffer, typeInfo);
            }
            finally
            {
                body.AdvanceTo(read.Buffer.End);
            }
        }
    }

    private static T? Deserialize<T>(ReadOnlySequence<byte> json, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            // From a span: a reader handed to the serializer is first scanned to the end of its value, then read again.
            return json.IsSingleSegment ? JsonSerializer.Deserialize(json.FirstSpan, typeInfo) : JsonSerializer.Deserialize(json.ToArray(), typeInfo);
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException($"Failed to read the request body as JSON: {e.Message}", StatusCodes.Status400BadRequest, e);
        }
    }

    /// <summary>application/json (any charset parameter) without parsing the header; anything else by the framework's rules (e.g. application/problem+json).</summary>
    private static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/json;", StringComparison.OrdinalIgnoreCase))
        || request.HasJsonContentType();
}
