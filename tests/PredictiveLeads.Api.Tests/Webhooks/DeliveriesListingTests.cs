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
        var pages = await Pages(admin, limit: 2);
        var foreign = await admin.GetAsync("/v1/webhooks/deliveries?cursor=not-a-cursor");

        Assert.Equal(JsonValueKind.Null, everything.GetProperty("nextCursor").ValueKind);
        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(everything.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("id").GetString()), pages.SelectMany(p => p));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("\"cursor\"", await foreign.Content.ReadAsStringAsync());
    }

    /// <summary>Every page of the deliveries listing, following each answer's nextCursor to the last: the ids of each page.</summary>
    internal static async Task<List<List<string>>> Pages(HttpClient admin, int limit)
    {
        var pages = new List<List<string>>();
        var url = $"/v1/webhooks/deliveries?limit={limit}";
        while (true)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>(url);
            pages.Add([.. page.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("id").GetString()!)]);
            if (page.GetProperty("nextCursor").GetString() is not { } next)
                return pages;
            url = $"/v1/webhooks/deliveries?limit={limit}&cursor={Uri.EscapeDataString(next)}";
        }
    }
}
