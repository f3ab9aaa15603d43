using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// A 200 answer written by the source generator's serializer for <typeparamref name="T"/> itself (its fast path: the
/// properties written in straight-line code). <c>TypedResults.Ok</c> serializes through the application's JSON options,
/// whose resolver chain (our context, then the framework's) the generated code does not take as its own, so every answer
/// went through the metadata-driven converters instead. The context is built with the same web defaults, and the writer
/// takes the application's escaping and indenting (the framework's relaxed escaping: "+" stays "+"), so the JSON is the
/// same. Documented in OpenAPI as <c>Ok&lt;T&gt;</c> is.
/// </summary>
public sealed class JsonOk<T>(T value, JsonTypeInfo<T> typeInfo) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    private const int InitialAnswerBytes = 4096;

    /// <summary>A thread's buffer grown by a large answer (a big batch) is let go rather than kept.</summary>
    private const int MaxKeptAnswerBytes = 1 << 20;

    /// <summary>Each thread's answer buffer, reused: the answer is written whole before it is sent.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? Answers;

    public T Value => value;

    object? IValueHttpResult.Value => value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var writing = new JsonWriterOptions
        {
            Encoder = options.Encoder,
            Indented = options.WriteIndented,
            IndentCharacter = options.IndentCharacter,
            IndentSize = options.IndentSize,
            NewLine = options.NewLine,
            MaxDepth = options.MaxDepth,
        };
        // Written whole first, so the answer goes out with its Content-Length rather than in chunks.
        var buffer = Answers ??= new ArrayBufferWriter<byte>(InitialAnswerBytes);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, writing))
            JsonSerializer.Serialize(writer, value, typeInfo);
        response.ContentLength = buffer.WrittenCount;
        response.BodyWriter.Write(buffer.WrittenSpan);
        if (buffer.Capacity > MaxKeptAnswerBytes)
            Answers = null;
        // No cancellation token: a client gone mid-answer completes the flush instead of throwing into the error handler
        // (as the framework's own JSON results do).
        await response.BodyWriter.FlushAsync();
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
