using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PredictiveLeads.Api.Tests.Dashboard;

public sealed class DashboardApiTests : IDisposable
{
    private readonly ApiFactory _api = new();

    public void Dispose() => _api.Dispose();

    private static JsonElement Report(int outcome) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "models", "default", "v0001", "report.json"))).RootElement.GetProperty("outcomes")[outcome];

    [Fact]
    public async Task The_test_lead_comparison_agrees_with_the_training_report()
    {
        using var json = JsonDocument.Parse(await _api.Client().GetStringAsync("/v1/dashboard/comparison?outcome=became_sql&source=holdout"));
        var root = json.RootElement;
        var report = Report(1);
        var workload = report.GetProperty("workload");

        Assert.Equal(4000, root.GetProperty("leads").GetInt32());
        Assert.Equal(workload.GetProperty("positives").GetInt32(), root.GetProperty("positives").GetInt32());
        Assert.Equal(report.GetProperty("model").GetProperty("rocAuc").GetDouble(), root.GetProperty("model").GetProperty("rocAuc").GetDouble(), 4);
        Assert.Equal(report.GetProperty("rulesPointsRocAuc").GetDouble(), root.GetProperty("rules").GetProperty("rocAuc").GetDouble(), 4);
        var today = root.GetProperty("rulesToday");
        Assert.Equal(workload.GetProperty("rulesHandOver").GetInt32(), today.GetProperty("handOver").GetInt32());
        Assert.Equal(workload.GetProperty("rulesFind").GetInt32(), today.GetProperty("caught").GetInt32());
        var handOver = today.GetProperty("handOver").GetInt32();
        Assert.Equal(1, root.GetProperty("step").GetInt32());
        var modelCaught = root.GetProperty("model").GetProperty("caught")[handOver].GetDouble();
        Assert.Equal(workload.GetProperty("modelFindAtSameWorkload").GetDouble(), modelCaught, 0);
        Assert.Equal(564, root.GetProperty("rules").GetProperty("caught")[4000].GetDouble(), 3);
    }

    [Fact]
    public async Task Hidden_gems_sit_below_MQL_by_the_rules_and_come_with_reasons_false_alarms_above()
    {
        using var json = JsonDocument.Parse(await _api.Client().GetStringAsync("/v1/dashboard/disagreements?outcome=became_sql&count=5"));
        var gems = json.RootElement.GetProperty("hiddenGems").EnumerateArray().ToList();
        var alarms = json.RootElement.GetProperty("falseAlarms").EnumerateArray().ToList();

        Assert.Equal(5, gems.Count);
        Assert.All(gems, g => Assert.Equal("Lead", g.GetProperty("ruleStage").GetString()));
        Assert.All(gems, g => Assert.NotEmpty(g.GetProperty("reasons").EnumerateArray()));
        Assert.All(alarms, a => Assert.Contains(a.GetProperty("ruleStage").GetString(), new[] { "MQL", "SQL" }));
        Assert.True(gems.Min(g => g.GetProperty("probability").GetDouble()) > alarms.Max(a => a.GetProperty("probability").GetDouble()));
        Assert.InRange(gems[0].GetProperty("modelPercentile").GetDouble(), 0.95, 1);
    }

    [Theory]
    [InlineData("/v1/dashboard/comparison?outcome=became_won", "outcome")]
    [InlineData("/v1/dashboard/comparison?source=yesterday", "source")]
    [InlineData("/v1/dashboard/disagreements?count=0", "count")]
    public async Task Bad_parameters_are_problems_naming_the_parameter(string path, string field)
    {
        var response = await _api.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_test_lead_is_found_with_its_scores_and_an_unknown_lead_is_a_404_problem()
    {
        using var gems = JsonDocument.Parse(await _api.Client().GetStringAsync("/v1/dashboard/disagreements?count=1"));
        var id = gems.RootElement.GetProperty("hiddenGems")[0].GetProperty("id").GetString()!;

        using var json = JsonDocument.Parse(await _api.Client().GetStringAsync($"/v1/dashboard/leads/{id}"));
        var missing = await _api.Client().GetAsync("/v1/dashboard/leads/00Q-no-such-lead");

        var holdout = json.RootElement.GetProperty("holdout");
        Assert.Equal("Lead", holdout.GetProperty("ruleStage").GetString());
        Assert.Equal(2, holdout.GetProperty("outcomes").GetArrayLength());
        Assert.NotEmpty(json.RootElement.GetProperty("explained").GetProperty("outcomes")[1].GetProperty("positiveReasons").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("00Q-no-such-lead", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bundle_without_creation_times_or_rules_is_compared_over_its_test_leads_with_nothing_to_disagree_with()
    {
        // Trained the way an analyst would on an export like X Education's: no date column, no points rules.
        var sample = File.ReadLines(Path.Combine(RepositoryRoot.Path, "training-data", "sample-leads.csv")).Take(3001)
            .Select(line => string.Join(',', line.Split(',').Where((_, i) => i != 1)));
        var schema = new PredictiveLeads.Scoring.Schema.ExportSchema { Id = "lead_id", AccountId = "account_id", Outcomes = ["became_sql"], Ignore = ["became_mql"] };
        var version = await _api.ServeTrained(string.Join('\n', sample) + "\n", schema, trees: 40);
        var client = _api.Client();

        using var comparison = JsonDocument.Parse(await client.GetStringAsync("/v1/dashboard/comparison"));
        using var disagreements = JsonDocument.Parse(await client.GetStringAsync("/v1/dashboard/disagreements"));

        var root = comparison.RootElement;
        Assert.Equal($"default/{version}", root.GetProperty("modelVersion").GetString());
        Assert.Equal("became_sql", root.GetProperty("outcome").GetString());
        Assert.Equal(600, root.GetProperty("leads").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("weeks").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("rules").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("rulesToday").ValueKind);
        Assert.Equal(root.GetProperty("positives").GetDouble(), root.GetProperty("model").GetProperty("caught").EnumerateArray().Last().GetDouble(), 3);
        Assert.Empty(disagreements.RootElement.GetProperty("hiddenGems").EnumerateArray());
        Assert.Empty(disagreements.RootElement.GetProperty("falseAlarms").EnumerateArray());
    }

    [Fact]
    public async Task People_sign_in_with_a_key_for_an_http_only_strict_cookie_that_stops_working_after_sign_out()
    {
        using var browser = _api.Client(key: null);
        browser.DefaultRequestHeaders.Add("Origin", "http://localhost");

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/v1/dashboard/comparison")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsJsonAsync("/v1/session", new { key = "wrong-key-000000" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsJsonAsync("/v1/session", new { })).StatusCode);
        using var anonymous = JsonDocument.Parse(await browser.GetStringAsync("/v1/session"));
        Assert.False(anonymous.RootElement.GetProperty("signedIn").GetBoolean());

        var signIn = await browser.PostAsJsonAsync("/v1/session", new { key = ApiFactory.ScoreKey });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ApiFactory.ScoreKey, cookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/v1/dashboard/comparison")).StatusCode);
        using var session = JsonDocument.Parse(await browser.GetStringAsync("/v1/session"));
        Assert.Equal("automation", session.RootElement.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync("/v1/models/default/v0001/activate", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync("/v1/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/v1/dashboard/comparison")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_page_loads_nothing_from_elsewhere_and_forbids_it_by_policy()
    {
        using var client = _api.Client(key: null);

        var page = await client.GetAsync("/dashboard/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("dashboard.js", html, StringComparison.Ordinal);
        Assert.Contains("dashboard.css", html, StringComparison.Ordinal);
        foreach (var asset in new[] { "index.html", "dashboard.js", "charts.js", "dashboard.css" })
        {
            var text = await client.GetStringAsync("/dashboard/" + asset);
            var external = System.Text.RegularExpressions.Regex.Matches(text, @"https?://[^'""\s)]+").Select(m => m.Value).Where(u => u != "http://www.w3.org/2000/svg");
            Assert.Empty(external);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await _api.Server.CreateClient().GetAsync("/dashboard")).StatusCode);
    }
}
