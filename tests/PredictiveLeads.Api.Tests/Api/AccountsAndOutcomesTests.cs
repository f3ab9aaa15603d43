using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PredictiveLeads.Api.Tests.Api;

public sealed class AccountsAndOutcomesTests
{
    [Fact]
    public async Task An_account_gets_its_probability_roll_up_buying_group_and_contact_scores()
    {
        using var api = new ApiFactory();
        var request = new
        {
            accountId = "001-acme",
            contacts = new object[]
            {
                LeadsApiTests.HotLead("c1"),
                new { id = "c2", fields = new Dictionary<string, object?> { ["job_title_seniority"] = "Manager", ["page_views"] = 2, ["department"] = "IT" } },
            },
        };

        var response = await api.Client().PostAsJsonAsync("/v1/accounts/score", request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var sql = json.RootElement.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == "became_sql");
        var contacts = json.RootElement.GetProperty("contacts").EnumerateArray()
            .Select(c => c.GetProperty("outcomes")[1].GetProperty("probability").GetDouble()).ToList();
        Assert.Equal(1 - (1 - contacts[0]) * (1 - contacts[1]), sql.GetProperty("rollup").GetDouble(), 9);
        Assert.InRange(sql.GetProperty("accountProbability").GetDouble(), 0, 1);
        var seniority = json.RootElement.GetProperty("buyingGroup").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "job_title_seniority");
        Assert.Equal(["Manager", "VP"], seniority.GetProperty("present").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["VP"], seniority.GetProperty("engaged").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task An_account_body_that_is_not_json_is_a_415_broken_json_a_400_naming_where_and_no_body_a_400_naming_the_contacts()
    {
        using var api = new ApiFactory();
        var client = api.Client();

        var xml = await client.PostAsync("/v1/accounts/score", new StringContent("<account/>", Encoding.UTF8, "application/xml"));
        var broken = await client.PostAsync("/v1/accounts/score", new StringContent("{\"accountId\": \"001\", \"contacts\": [", Encoding.UTF8, "application/json"));
        var none = await client.PostAsync("/v1/accounts/score", null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("not valid JSON", await broken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("\"contacts\"", await none.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_contact_with_a_wrongly_typed_field_is_a_400_naming_the_contact_and_field()
    {
        using var api = new ApiFactory();
        var request = new
        {
            accountId = "001-acme",
            contacts = new object?[]
            {
                LeadsApiTests.HotLead("c1"),
                new { id = "c2", fields = new Dictionary<string, object?> { ["page_views"] = new[] { 1, 2 } } },
                null,
                new { id = "c4", fields = new Dictionary<string, object?> { ["pricing_page_views"] = "lots" } },
            },
        };

        var response = await api.Client().PostAsJsonAsync("/v1/accounts/score", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.Contains("not an object or array", errors.GetProperty("contacts[1].fields.page_views")[0].GetString());
        Assert.Contains("null", errors.GetProperty("contacts[2]")[0].GetString());
        Assert.Contains("found 'lots'", errors.GetProperty("contacts[3].fields.pricing_page_views")[0].GetString());
    }

    [Fact]
    public async Task Outcomes_are_idempotent_survive_a_restart_and_join_the_lead_history()
    {
        using var folder = new TempDirectory();
        using (var first = new ApiFactory(folder.Path))
        {
            var client = first.Client();
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/leads/score", LeadsApiTests.HotLead("00Q-kept"))).StatusCode);
            var created = await client.PostAsJsonAsync("/v1/outcomes", new { leadId = "00Q-kept", stage = "sql", reachedAt = "2025-07-01T10:00:00Z" });
            var again = await client.PostAsJsonAsync("/v1/outcomes", new { leadId = "00Q-kept", stage = "SQL", reachedAt = "2025-07-02T10:00:00Z" });
            var bad = await client.PostAsJsonAsync("/v1/outcomes", new { leadId = "00Q-kept", stage = "Maybe" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using var second = new ApiFactory(folder.Path);
        using var history = JsonDocument.Parse(await second.Client().GetStringAsync("/v1/leads/00Q-kept/history"));

        var outcomes = history.RootElement.GetProperty("outcomes").EnumerateArray().ToList();
        Assert.Single(outcomes);
        Assert.Equal("SQL", outcomes[0].GetProperty("stage").GetString());
        Assert.Equal(new DateTime(2025, 7, 1, 10, 0, 0, DateTimeKind.Utc), outcomes[0].GetProperty("reachedAt").GetDateTime().ToUniversalTime());
        var predictions = history.RootElement.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(2, predictions.Count);
        Assert.All(predictions, p => Assert.Equal("default/v0001", p.GetProperty("modelVersion").GetString()));
        var reason = predictions.Single(p => p.GetProperty("outcome").GetString() == "became_sql").GetProperty("reasons")
            .EnumerateArray().First(r => r.GetProperty("field").GetString() == "demo_requested");
        Assert.Equal("demo_requested raises the chance of became_sql (", reason.GetProperty("sentence").GetString()![..48]);
    }
}
