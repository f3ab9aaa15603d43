using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PredictiveLeads.Api.Tests.Webhooks;

/// <summary>One POST the receiver got: the headers that matter and the body exactly as sent.</summary>
internal sealed record ReceivedWebhook(string Body, string? Timestamp, string? Signature, string? EventType, int AnsweredWith)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Id => Json.GetProperty("id").GetString()!;

    public string Type => Json.GetProperty("type").GetString()!;
}

/// <summary>
/// A real HTTP receiver on a loopback port (Kestrel), as marketing automation would run one: records every POST and
/// answers each event's first posts with a failure if asked to, then 200, unless <see cref="Hold"/> holds them.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>How many of each event's first posts are answered with <see cref="FailureStatus"/> before it gets a 200.</summary>
    public int FailuresPerEvent { get; set; }

    public int FailureStatus { get; set; } = 500;

    /// <summary>While set, a request is recorded as unanswered (0) and waits on it; it is then answered 503.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public string Url => _app.Urls.First() + "/hooks";

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks", receiver.Receive);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> Receive(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        if (Hold is { } hold)
        {
            Record(new ReceivedWebhook(body, request.Headers["X-PredictiveLeads-Timestamp"], request.Headers["X-PredictiveLeads-Signature"],
                request.Headers["X-PredictiveLeads-Event"], AnsweredWith: 0));
            await hold.Task;
            return Results.StatusCode(503);
        }
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
        var status = _received.Count(r => r.Id == id && r.AnsweredWith != 0) < FailuresPerEvent ? FailureStatus : 200;
        Record(new ReceivedWebhook(body, request.Headers["X-PredictiveLeads-Timestamp"], request.Headers["X-PredictiveLeads-Signature"],
            request.Headers["X-PredictiveLeads-Event"], status));
        return Results.StatusCode(status);
    }

    private void Record(ReceivedWebhook received)
    {
        _received.Enqueue(received);
        Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Waits until a received POST matches; a wait that runs out fails with a timeout.</summary>
    public async Task<ReceivedWebhook> Until(Func<ReceivedWebhook, bool> match)
    {
        while (true)
        {
            var next = Volatile.Read(ref _arrived).Task;
            if (_received.FirstOrDefault(match) is { } found)
                return found;
            await next.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Hold?.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
