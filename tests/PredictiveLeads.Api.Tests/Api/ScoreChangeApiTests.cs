using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PredictiveLeads.Api.Leads;

namespace PredictiveLeads.Api.Tests.Api;

/// <summary>Where a scoring finds the previous one: remembered by the instance, queued for the log, or read from the log.</summary>
public sealed class ScoreChangeApiTests
{
    private static readonly Dictionary<string, object?> Quiet = new() { ["industry"] = "Software", ["page_views"] = 1, ["pricing_page_views"] = 0, ["demo_requested"] = 0 };
    private static readonly Dictionary<string, object?> Engaged = new(Quiet) { ["page_views"] = 30, ["pricing_page_views"] = 5, ["demo_requested"] = 1 };

    [Fact]
    public async Task After_a_restart_the_previous_scoring_is_read_from_the_log()
    {
        using var folder = new TempDirectory();
        double before;
        using (var first = new ApiFactory(folder.Path))
            before = (await Sql(first.Client(), Quiet)).GetProperty("probability").GetDouble();

        using var second = new ApiFactory(folder.Path);
        var after = await Sql(second.Client(), Engaged);

        var change = after.GetProperty("change");
        Assert.Equal(after.GetProperty("probability").GetDouble() - before, change.GetProperty("probability").GetDouble(), 12);
        Assert.Contains(change.GetProperty("fields").EnumerateArray(), f => f.GetProperty("field").GetString() == "demo_requested");
    }

    [Fact]
    public async Task Without_remembering_a_rescoring_compares_with_the_scoring_still_queued_for_the_log()
    {
        using var api = new ApiFactory { Settings = new Dictionary<string, string> { ["Scoring:RememberedLeads"] = "0" } };
        var client = api.Client();

        var before = (await Sql(client, Quiet)).GetProperty("probability").GetDouble();
        var after = await Sql(client, Engaged);

        Assert.Equal(after.GetProperty("probability").GetDouble() - before, after.GetProperty("change").GetProperty("probability").GetDouble(), 12);
    }

    [Fact]
    public async Task Every_way_of_scoring_leaves_the_lead_remembered_by_the_instance()
    {
        using var api = new ApiFactory();
        var client = api.Client();
        var memory = api.Services.GetRequiredService<ScoringMemory>();

        Assert.True((await client.PostAsJsonAsync("/v1/leads/score?explain=false", new { id = "00Q-single", fields = Quiet })).IsSuccessStatusCode);
        Assert.True((await client.PostAsJsonAsync("/v1/leads/score-batch", new { leads = new[] { new { id = "00Q-json-batch", fields = Quiet } } })).IsSuccessStatusCode);
        Assert.True((await client.PostAsync("/v1/leads/score-batch", new StringContent("lead_id,industry\n00Q-csv-batch,Software\n", Encoding.UTF8, "text/csv"))).IsSuccessStatusCode);
        Assert.True((await client.PostAsJsonAsync("/v1/accounts/score", new { accountId = "001-acme", contacts = new[] { new { id = "00Q-contact", fields = Quiet } } })).IsSuccessStatusCode);

        Assert.All(new[] { "00Q-single", "00Q-json-batch", "00Q-csv-batch", "00Q-contact" }, id => Assert.True(memory.Remembers(id), id));
        Assert.False(memory.Remembers("00Q-never-scored"));
    }

    private static async Task<JsonElement> Sql(HttpClient client, Dictionary<string, object?> fields)
    {
        var response = await client.PostAsJsonAsync("/v1/leads/score", new { id = "00Q-returning", fields });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == "became_sql").Clone();
    }
}
