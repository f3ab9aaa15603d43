using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Api.Webhooks;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Tests.Webhooks;

/// <summary>Which events the service causes, and that none is acknowledged before the outbox holds it.</summary>
public sealed class WebhookEventsApiTests
{
    private const string Secret = "whsec-test-0123456789";

    [Fact]
    public async Task Activating_a_version_posts_one_model_activated_though_the_api_and_the_pointer_watch_both_see_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = Api(receiver, (WebhookEventTypes.ModelActivated, null));
        api.PublishCopy("v0002");
        var admin = api.Client(ApiFactory.AdminKey);

        var activated = await admin.PostAsJsonAsync("/v1/models/default/v0002/activate", new { reason = "challenger won" });
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        var posted = await receiver.Until(r => r.Type == WebhookEventTypes.ModelActivated);
        var listed = await admin.GetFromJsonAsync<JsonElement>("/v1/webhooks/deliveries?limit=1000");

        Assert.Equal("v0001", posted.Json.GetProperty("old").GetString());
        Assert.Equal("v0002", posted.Json.GetProperty("new").GetString());
        Assert.Equal(JsonValueKind.Null, posted.Json.GetProperty("leadId").ValueKind);
        Assert.Single(listed.GetProperty("deliveries").EnumerateArray(), d => d.GetProperty("type").GetString() == WebhookEventTypes.ModelActivated);
    }

    [Fact]
    public async Task An_endpoint_gets_only_the_events_it_asked_for_and_a_threshold_crossing_names_its_direction()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = Api(receiver, (WebhookEventTypes.CrossedThreshold, "became_sql"));
        var client = api.Client();

        await Score(client, "00Q-threshold", new() { ["industry"] = "Software", ["page_views"] = 1, ["pricing_page_views"] = 0, ["demo_requested"] = 0 });
        var hot = await Score(client, "00Q-threshold", new() { ["industry"] = "Software", ["page_views"] = 30, ["pricing_page_views"] = 5, ["demo_requested"] = 1 });
        Assert.True(hot >= 0.1, $"the engaged lead's SQL probability {hot} should be above the test's threshold");
        var crossed = await receiver.Until(r => r.Type == WebhookEventTypes.CrossedThreshold);

        Assert.Equal("up", crossed.Json.GetProperty("direction").GetString());
        Assert.Equal(0.1, crossed.Json.GetProperty("threshold").GetDouble());
        Assert.Equal(hot, crossed.Json.GetProperty("new").GetDouble(), 12);
        Assert.All(receiver.Received, r => Assert.Equal(WebhookEventTypes.CrossedThreshold, r.Type));
    }

    [Fact]
    public async Task A_scoring_whose_events_cannot_be_stored_is_a_503_that_changes_nothing_so_its_retry_causes_them()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        OutboxThatFails? outbox = null;
        using var api = Api(receiver, (WebhookEventTypes.GradeChanged, null));
        using var failing = api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IWebhookStore>(provider => outbox = new OutboxThatFails((IWebhookStore)provider.GetRequiredService<IPredictionStore>()))));
        var client = failing.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.ScoreKey);
        var quiet = new { id = "00Q-outbox", fields = new Dictionary<string, object?> { ["industry"] = "Software", ["page_views"] = 1, ["demo_requested"] = 0 } };
        var engaged = new { id = "00Q-outbox", fields = new Dictionary<string, object?> { ["industry"] = "Software", ["page_views"] = 30, ["pricing_page_views"] = 5, ["demo_requested"] = 1 } };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/leads/score?explain=false", quiet)).StatusCode);

        outbox!.Failing = true;
        var refused = await client.PostAsJsonAsync("/v1/leads/score?explain=false", engaged);
        outbox.Failing = false;
        var retried = await client.PostAsJsonAsync("/v1/leads/score?explain=false", engaged);
        var posted = await receiver.Until(r => r.Type == WebhookEventTypes.GradeChanged);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("00Q-outbox", posted.Json.GetProperty("leadId").GetString());
    }

    [Theory]
    [InlineData("Webhooks:Endpoints:0:Url", "ftp://example.org/hooks", "Url")]
    [InlineData("Webhooks:Endpoints:0:Secret", "short", "Secret")]
    [InlineData("Webhooks:Endpoints:0:Events:0", "lead.grade_changd", "lead.grade_changd")]
    [InlineData("Webhooks:Thresholds:0:Probability", "1.5", "Thresholds:0:Probability")]
    public void A_configuration_that_cannot_work_is_refused_at_start_naming_the_setting(string key, string value, string named)
    {
        var settings = new Dictionary<string, string>
        {
            ["Webhooks:Endpoints:0:Url"] = "http://127.0.0.1:9/hooks",
            ["Webhooks:Endpoints:0:Secret"] = Secret,
            [key] = value,
        };
        var error = ApiFactory.StartFailure(settings);

        Assert.True(error.ToString().Contains(named, StringComparison.Ordinal), $"'{named}' is not named in: {error}");
    }

    private static ApiFactory Api(WebhookReceiver receiver, (string Type, string? ThresholdOutcome) events)
    {
        var settings = new Dictionary<string, string>
        {
            ["Webhooks:Endpoints:0:Url"] = receiver.Url,
            ["Webhooks:Endpoints:0:Secret"] = Secret,
            ["Webhooks:Endpoints:0:Events:0"] = events.Type,
            ["Webhooks:PollSeconds"] = "0.1",
        };
        if (events.ThresholdOutcome is { } outcome)
        {
            settings["Webhooks:Thresholds:0:Outcome"] = outcome;
            settings["Webhooks:Thresholds:0:Probability"] = "0.1";
        }
        return new ApiFactory { Settings = settings };
    }

    private static async Task<double> Score(HttpClient client, string id, Dictionary<string, object?> fields)
    {
        var response = await client.PostAsJsonAsync("/v1/leads/score?explain=false", new { id, fields });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return answer.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == "became_sql").GetProperty("probability").GetDouble();
    }
}
