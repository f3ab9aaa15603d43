using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Tests.Api;

public sealed class WorklistApiTests
{
    [Fact]
    public async Task The_worklist_ranks_open_leads_by_probability_within_the_capacity_and_never_lists_a_settled_one()
    {
        using var api = new ApiFactory();
        var client = api.Client();
        var leads = SampleLeads.First(60);
        Assert.True((await client.PostAsJsonAsync("/v1/leads/score-batch", new { leads = leads.Select(f => new { id = (string)f["lead_id"]!, fields = f }) })).IsSuccessStatusCode);
        var ids = leads.Select(f => (string)f["lead_id"]!).ToList();
        var (sql, disqualified, mqlOnly) = (ids[..10], ids[10..15], ids[15..20]);
        foreach (var (group, stage) in new[] { (sql, "SQL"), (disqualified, "Disqualified"), (mqlOnly, "MQL") })
        {
            foreach (var id in group)
                Assert.True((await client.PostAsJsonAsync("/v1/outcomes", new { leadId = id, stage })).IsSuccessStatusCode);
        }
        await api.Services.GetRequiredService<PredictionLog>().UntilWritten(2 * leads.Count);

        var all = await Worklist(client, "outcome=became_sql&capacity=100");
        var top = await Worklist(client, "outcome=became_sql&capacity=20");

        var settled = sql.Concat(disqualified).ToHashSet();
        Assert.Equal(ids.Where(id => !settled.Contains(id)).Order(), all.Select(l => l.GetProperty("id").GetString()).Order());
        Assert.Equal(20, top.Count);
        Assert.Equal(all.Take(20).Select(l => l.GetProperty("id").GetString()), top.Select(l => l.GetProperty("id").GetString()));
        var probabilities = all.Select(l => l.GetProperty("probability").GetDouble()).ToList();
        Assert.Equal(probabilities.OrderDescending(), probabilities);
        Assert.All(all, l =>
        {
            Assert.Matches("^[A-D]$", l.GetProperty("grade").GetString());
            Assert.NotEqual(0, l.GetProperty("reasons").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, l.GetProperty("change").ValueKind);
        });
        // An MQL is still open for SQL, but not for MQL.
        Assert.Contains(all, l => mqlOnly.Contains(l.GetProperty("id").GetString()!));
        Assert.DoesNotContain(await Worklist(client, "outcome=became_mql&capacity=100"), l => mqlOnly.Contains(l.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Rescoring_a_lead_with_more_engagement_shows_a_positive_change_naming_the_engagement_fields_in_the_answer_and_the_worklist()
    {
        using var api = new ApiFactory();
        var client = api.Client();
        var log = api.Services.GetRequiredService<PredictionLog>();
        var quiet = new Dictionary<string, object?> { ["industry"] = "Software", ["job_title_seniority"] = "VP", ["page_views"] = 1, ["pricing_page_views"] = 0, ["demo_requested"] = 0 };
        var engaged = new Dictionary<string, object?>(quiet) { ["page_views"] = 25, ["pricing_page_views"] = 6, ["demo_requested"] = 1, ["days_since_last_activity"] = 1 };
        string[] moved = ["page_views", "pricing_page_views", "demo_requested", "days_since_last_activity"];

        var firstAnswer = await Sql(await client.PostAsJsonAsync("/v1/leads/score", new { id = "00Q-warming", fields = quiet }));
        Assert.Equal(JsonValueKind.Null, firstAnswer.GetProperty("change").ValueKind);
        await log.UntilWritten(2);
        var first = Assert.Single(await Worklist(client, "outcome=became_sql"));
        var secondAnswer = await Sql(await client.PostAsJsonAsync("/v1/leads/score", new { id = "00Q-warming", fields = engaged }));
        await log.UntilWritten(4);
        var second = Assert.Single(await Worklist(client, "outcome=became_sql"));

        foreach (var change in new[] { secondAnswer.GetProperty("change"), second.GetProperty("change") })
        {
            Assert.Equal(second.GetProperty("probability").GetDouble() - first.GetProperty("probability").GetDouble(), change.GetProperty("probability").GetDouble(), 12);
            Assert.True(change.GetProperty("probability").GetDouble() > 0);
            Assert.Equal(first.GetProperty("scoredAt").GetDateTime(), change.GetProperty("since").GetDateTime());
            Assert.Equal("default/v0001", change.GetProperty("previousModelVersion").GetString());
            var fields = change.GetProperty("fields").EnumerateArray().ToList();
            Assert.Equal(3, fields.Count);
            Assert.All(fields, f => Assert.Contains(f.GetProperty("field").GetString(), moved));
            Assert.True(fields.Sum(f => f.GetProperty("after").GetDouble() - f.GetProperty("before").GetDouble()) > 0, "the engagement fields raised the score");
            Assert.Equal(JsonValueKind.Null, change.GetProperty("fieldsUnavailable").ValueKind);
        }

        // Without reasons the change still comes, and says why it names no fields.
        var unexplained = (await Sql(await client.PostAsJsonAsync("/v1/leads/score?explain=false", new { id = "00Q-warming", fields = quiet }))).GetProperty("change");
        Assert.True(unexplained.GetProperty("probability").GetDouble() < 0);
        Assert.Empty(unexplained.GetProperty("fields").EnumerateArray());
        Assert.Contains("explain=false", unexplained.GetProperty("fieldsUnavailable").GetString());
    }

    [Fact]
    public async Task A_lead_scored_twice_in_one_batch_shows_the_change_from_its_first_scoring()
    {
        using var api = new ApiFactory();
        var fields = new Dictionary<string, object?> { ["industry"] = "Software", ["pricing_page_views"] = 0 };
        var hotter = new Dictionary<string, object?>(fields) { ["pricing_page_views"] = 8, ["demo_requested"] = 1 };
        var response = await api.Client().PostAsJsonAsync("/v1/leads/score-batch", new { leads = new[] { new { id = "00Q-twice", fields }, new { id = "00Q-twice", fields = hotter } } });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var results = json.RootElement.GetProperty("results");

        Assert.Equal(JsonValueKind.Null, results[0].GetProperty("score").GetProperty("outcomes")[1].GetProperty("change").ValueKind);
        var change = results[1].GetProperty("score").GetProperty("outcomes")[1].GetProperty("change");
        Assert.Equal(results[1].GetProperty("score").GetProperty("outcomes")[1].GetProperty("probability").GetDouble()
            - results[0].GetProperty("score").GetProperty("outcomes")[1].GetProperty("probability").GetDouble(), change.GetProperty("probability").GetDouble(), 12);
        Assert.Contains(change.GetProperty("fields").EnumerateArray(), f => f.GetProperty("field").GetString() == "pricing_page_views");
    }

    private static async Task<JsonElement> Sql(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == "became_sql").Clone();
    }

    [Fact]
    public async Task The_worklist_downloads_as_csv_and_refuses_what_it_cannot_do_naming_the_parameter()
    {
        using var api = new ApiFactory();
        var client = api.Client();
        Assert.True((await client.PostAsJsonAsync("/v1/leads/score", LeadsApiTests.HotLead("=cmd|' /C calc'!A0"))).IsSuccessStatusCode);
        await api.Services.GetRequiredService<PredictionLog>().UntilWritten(2);

        var csv = await client.GetStringAsync("/v1/worklist?outcome=became_sql&format=csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rank,lead_id,account_id,probability,grade,cell,rule_stage,change,scored_at,reasons", lines[0]);
        Assert.StartsWith("1,\"'=cmd", lines[1], StringComparison.Ordinal);

        foreach (var (query, field) in new[] { ("capacity=5", "outcome"), ("outcome=became_sql&capacity=0", "capacity"), ("outcome=became_sql&days=0", "days"),
            ("outcome=became_sql&owner=ann", "owner"), ("outcome=became_sql&format=xml", "format"), ("outcome=became_sql&cell=E5", "cell") })
        {
            var response = await client.GetAsync($"/v1/worklist?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{query} names {field}");
        }
    }

    [Fact]
    public async Task Every_scored_lead_carries_fit_and_engagement_grades_and_the_worklist_filters_by_their_cell()
    {
        using var api = new ApiFactory();
        var client = api.Client();
        var leads = SampleLeads.First(80);
        var batch = await client.PostAsJsonAsync("/v1/leads/score-batch", new { leads = leads.Select(f => new { id = (string)f["lead_id"]!, fields = f }) });
        Assert.True(batch.IsSuccessStatusCode);
        using var scored = JsonDocument.Parse(await batch.Content.ReadAsStringAsync());
        var cells = new Dictionary<string, string>();
        foreach (var item in scored.RootElement.GetProperty("results").EnumerateArray())
        {
            var lead = item.GetProperty("score");
            foreach (var outcome in lead.GetProperty("outcomes").EnumerateArray())
            {
                var fit = outcome.GetProperty("fitGrade").GetString();
                var engagement = outcome.GetProperty("engagementGrade").GetInt32();
                Assert.Matches("^[A-D]$", fit);
                Assert.InRange(engagement, 1, 4);
                if (outcome.GetProperty("outcome").GetString() == "became_sql")
                    cells[lead.GetProperty("id").GetString()!] = $"{fit}{engagement}";
            }
        }
        Assert.Equal(leads.Count, cells.Count);
        Assert.True(cells.Values.Distinct().Count() > 1, "sample leads fall in more than one cell");
        await api.Services.GetRequiredService<PredictionLog>().UntilWritten(2 * leads.Count);

        var busiest = cells.Values.GroupBy(c => c).OrderByDescending(g => g.Count()).First().Key;
        var inCell = await Worklist(client, $"outcome=became_sql&capacity=100&cell={busiest.ToLowerInvariant()}");
        Assert.Equal(cells.Where(c => c.Value == busiest).Select(c => c.Key).Order(), inCell.Select(l => l.GetProperty("id").GetString()).Order());
        Assert.All(inCell, l => Assert.Equal(busiest, l.GetProperty("cell").GetString()));
        var everyone = await Worklist(client, "outcome=became_sql&capacity=100");
        Assert.Equal(leads.Count, everyone.Count);
        Assert.All(everyone, l => Assert.Equal(cells[l.GetProperty("id").GetString()!], l.GetProperty("cell").GetString()));

        // The schema names company_size_band the segment: the log keeps its value, and the worklist filters by it.
        var bySize = leads.GroupBy(f => (string?)f["company_size_band"]).OrderByDescending(g => g.Count()).First();
        var segment = await Worklist(client, $"outcome=became_sql&capacity=100&segment={Uri.EscapeDataString(bySize.Key!)}");
        Assert.Equal(bySize.Select(f => (string)f["lead_id"]!).Order(), segment.Select(l => l.GetProperty("id").GetString()).Order());
        Assert.True(segment.Count < leads.Count);
    }

    private static async Task<List<JsonElement>> Worklist(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/v1/worklist?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("leads").EnumerateArray().Select(l => l.Clone())];
    }
}
