using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PredictiveLeads.Api.Webhooks;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Tests.Webhooks;

/// <summary>Lead events through the outbox to a real receiver on loopback: signed, retried, kept across restarts, never repeated after a 2xx.</summary>
public sealed class WebhookDeliveryTests
{
    private const string Secret = "whsec-test-0123456789";
    private static readonly Dictionary<string, object?> Quiet = new() { ["industry"] = "Software", ["page_views"] = 1, ["pricing_page_views"] = 0, ["demo_requested"] = 0 };
    private static readonly Dictionary<string, object?> Engaged = new(Quiet) { ["page_views"] = 30, ["pricing_page_views"] = 5, ["demo_requested"] = 1 };

    [Fact]
    public async Task A_grade_change_is_posted_signed_with_the_lead_the_grades_and_the_model()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = Api(receiver, folder: null);
        var client = api.Client();

        var quiet = await Score(client, "00Q-grade", Quiet);
        var engaged = await Score(client, "00Q-grade", Engaged);
        var posted = await receiver.Until(r => IsSqlGradeChange(r));

        Assert.True(WebhookSignature.Verify(Secret, long.Parse(posted.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), posted.Body, posted.Signature!));
        Assert.False(WebhookSignature.Verify("another-secret-0000", long.Parse(posted.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), posted.Body, posted.Signature!));
        Assert.InRange(long.Parse(posted.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var body = posted.Json;
        Assert.Equal("00Q-grade", body.GetProperty("leadId").GetString());
        Assert.Equal("became_sql", body.GetProperty("outcome").GetString());
        Assert.Equal(Grade(quiet), body.GetProperty("old").GetString());
        Assert.Equal(Grade(engaged), body.GetProperty("new").GetString());
        Assert.Equal("default", body.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal("v0001", body.GetProperty("model").GetProperty("version").GetString());
        Assert.Equal(WebhookEventTypes.GradeChanged, posted.EventType);
        Assert.True(Guid.TryParse(posted.Id, out _));

        await Until(api, posted.Id, "delivered");
        var delivery = await DeliveryOf(api, posted.Id);
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastStatus").GetInt32());
    }

    [Fact]
    public async Task A_500_is_retried_by_the_outbox_until_it_is_accepted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailuresPerEvent = 2;
        using var api = Api(receiver, folder: null, ("Webhooks:QuickRetries", "0"));
        var client = api.Client();

        await Score(client, "00Q-retry", Quiet);
        await Score(client, "00Q-retry", Engaged);
        var accepted = await receiver.Until(r => IsSqlGradeChange(r) && r.AnsweredWith == 200);

        var attempts = receiver.Received.Where(r => r.Id == accepted.Id).Select(r => r.AnsweredWith).ToList();
        Assert.Equal([500, 500, 200], attempts);
        await Until(api, accepted.Id, "delivered");
        var delivery = await DeliveryOf(api, accepted.Id);
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_blip_is_retried_within_the_attempt_by_the_resilience_pipeline()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailuresPerEvent = 1;
        receiver.FailureStatus = 503;
        using var api = Api(receiver, folder: null, ("Webhooks:QuickRetries", "2"), ("Webhooks:QuickRetrySeconds", "0.05"));
        var client = api.Client();

        await Score(client, "00Q-blip", Quiet);
        await Score(client, "00Q-blip", Engaged);
        var accepted = await receiver.Until(r => IsSqlGradeChange(r) && r.AnsweredWith == 200);

        Assert.Equal([503, 200], receiver.Received.Where(r => r.Id == accepted.Id).Select(r => r.AnsweredWith));
        await Until(api, accepted.Id, "delivered");
        Assert.Equal(1, (await DeliveryOf(api, accepted.Id)).GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task After_the_configured_failures_a_delivery_is_dead_lettered_and_counted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailuresPerEvent = 100;
        using var api = Api(receiver, folder: null, ("Webhooks:QuickRetries", "0"), ("Webhooks:MaxAttempts", "3"));
        var client = api.Client();
        var signal = api.Services.GetRequiredService<WebhookSignal>();

        await Score(client, "00Q-dead", Quiet);
        await Score(client, "00Q-dead", Engaged);
        var failed = await receiver.Until(r => IsSqlGradeChange(r));
        JsonElement delivery;
        do
        {
            var recorded = signal.AttemptRecorded;
            delivery = await DeliveryOf(api, failed.Id);
            if (delivery.GetProperty("state").GetString() == "dead")
                break;
            await recorded.WaitAsync(TimeSpan.FromSeconds(30));
        }
        while (true);

        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(500, delivery.GetProperty("lastStatus").GetInt32());
        Assert.Contains("HTTP 500", delivery.GetProperty("lastError").GetString());
        Assert.Equal(3, receiver.Received.Count(r => r.Id == failed.Id));
        var monitoring = await api.Client().GetFromJsonAsync<JsonElement>("/v1/monitoring");
        Assert.InRange(monitoring.GetProperty("webhooks").GetProperty("dead").GetInt64(), 1, receiver.Received.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task An_event_pending_across_a_restart_is_delivered_by_the_next_run()
    {
        using var folder = new TempDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string pending;
        using (var first = Api(receiver, folder.Path))
        {
            var client = first.Client();
            await Score(client, "00Q-restart", Quiet);
            await Score(client, "00Q-restart", Engaged);
            pending = (await receiver.Until(r => IsSqlGradeChange(r))).Id;
        }
        receiver.Hold.TrySetResult();
        receiver.Hold = null;

        using var second = Api(receiver, folder.Path);
        second.Client();
        await receiver.Until(r => r.Id == pending && r.AnsweredWith == 200);
        await Until(second, pending, "delivered");

        Assert.Equal([0, 200], receiver.Received.Where(r => r.Id == pending).Select(r => r.AnsweredWith));
    }

    [Fact]
    public async Task An_event_that_got_a_2xx_is_never_delivered_again_even_after_a_restart()
    {
        using var folder = new TempDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        string delivered;
        using (var first = Api(receiver, folder.Path))
        {
            var client = first.Client();
            await Score(client, "00Q-once", Quiet);
            await Score(client, "00Q-once", Engaged);
            delivered = (await receiver.Until(r => IsSqlGradeChange(r))).Id;
            await Until(first, delivered, "delivered");
        }

        using var second = Api(receiver, folder.Path);
        var again = second.Client();
        await Score(again, "00Q-once", Quiet);
        var later = await receiver.Until(r => IsSqlGradeChange(r) && r.Id != delivered);
        await Until(second, later.Id, "delivered");

        Assert.Single(receiver.Received, r => r.Id == delivered);
        Assert.Equal("00Q-once", later.Json.GetProperty("leadId").GetString());
    }

    private static bool IsSqlGradeChange(ReceivedWebhook posted) =>
        posted.Type == WebhookEventTypes.GradeChanged && posted.Json.GetProperty("outcome").GetString() == "became_sql";

    private static ApiFactory Api(WebhookReceiver receiver, string? folder, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Webhooks:Endpoints:0:Url"] = receiver.Url,
            ["Webhooks:Endpoints:0:Secret"] = Secret,
            ["Webhooks:FirstRetrySeconds"] = "0.05",
            ["Webhooks:MaxRetrySeconds"] = "0.2",
            ["Webhooks:PollSeconds"] = "0.1",
        };
        foreach (var (key, value) in more)
            settings[key] = value;
        return new ApiFactory(folder) { Settings = settings };
    }

    private static async Task<JsonElement> Score(HttpClient client, string id, Dictionary<string, object?> fields)
    {
        var response = await client.PostAsJsonAsync("/v1/leads/score?explain=false", new { id, fields });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == "became_sql");
    }

    private static string Grade(JsonElement outcome) => outcome.GetProperty("grade").GetString()!;

    private static async Task<JsonElement> DeliveryOf(ApiFactory api, string eventId)
    {
        var list = await api.Client(ApiFactory.AdminKey).GetFromJsonAsync<JsonElement>("/v1/webhooks/deliveries?limit=1000");
        return list.GetProperty("deliveries").EnumerateArray().Single(d => d.GetProperty("eventId").GetString() == eventId);
    }

    /// <summary>Waits until the event's delivery is recorded in <paramref name="state"/>.</summary>
    private static async Task Until(ApiFactory api, string eventId, string state)
    {
        var signal = api.Services.GetRequiredService<WebhookSignal>();
        while (true)
        {
            var recorded = signal.AttemptRecorded;
            if ((await DeliveryOf(api, eventId)).GetProperty("state").GetString() == state)
                return;
            await recorded.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
