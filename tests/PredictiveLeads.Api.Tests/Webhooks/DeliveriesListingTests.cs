using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Tests.Webhooks;

public sealed class DeliveriesListingTests
{
    [Fact]
    public async Task The_deliveries_come_a_page_at_a_time_by_following_next_cursor_and_a_cursor_not_given_is_a_400_naming_it()
    {
        using var api = new ApiFactory();
        var admin = api.Client(ApiFactory.AdminKey);
        var store = (IWebhookStore)api.Services.GetRequiredService<IPredictionStore>();
        var start = DateTime.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            var e = WebhookEvent.StageChanged(new EventModel("default", "v0001"), start, $"00Q-page-{i}", "Lead", "MQL");
            await store.EnqueueAsync([e], [(e.Id, "http://127.0.0.1:9/hooks")], start.AddSeconds(i), CancellationToken.None);
        }

        var everything = await admin.GetFromJsonAsync<JsonElement>("/v1/webhooks/deliveries?limit=1000");
        var pages = new List<List<string>>();
        var url = "/v1/webhooks/deliveries?limit=2";
        while (true)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>(url);
            pages.Add([.. page.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("id").GetString()!)]);
            if (page.GetProperty("nextCursor").GetString() is not { } next)
                break;
            url = $"/v1/webhooks/deliveries?limit=2&cursor={Uri.EscapeDataString(next)}";
        }
        var foreign = await admin.GetAsync("/v1/webhooks/deliveries?cursor=not-a-cursor");

        Assert.Equal(JsonValueKind.Null, everything.GetProperty("nextCursor").ValueKind);
        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(everything.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("id").GetString()), pages.SelectMany(p => p));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("\"cursor\"", await foreign.Content.ReadAsStringAsync());
    }
}
