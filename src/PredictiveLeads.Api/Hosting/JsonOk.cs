using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// A 200 JSON answer serialized in one synchronous pass into the response's own buffer, then flushed once. The
/// framework's JSON results serialize asynchronously, through resumable converters, which for an answer of half a
/// kilobyte cost several times the serialization itself. Documented in OpenAPI like <c>Ok&lt;T&gt;</c>.
/// </summary>
public sealed class JsonOk<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public T Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var type = JsonBody.TypeOf<T>(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        using (var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = type.Options.Encoder, Indented = type.Options.WriteIndented }))
            JsonSerializer.Serialize(writer, value, type);
        return response.BodyWriter.FlushAsync(httpContext.RequestAborted).AsTask();
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), [JsonContentType]));
}
