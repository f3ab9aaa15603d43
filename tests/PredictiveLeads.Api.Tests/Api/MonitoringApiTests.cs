using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Tests.Api;

public sealed class MonitoringApiTests
{
    [Fact]
    public async Task Monitoring_compares_model_and_rules_on_leads_with_known_outcomes_and_reports_drift()
    {
        using var api = new ApiFactory();
        var client = api.Client();
        var leads = SampleLeads.First(400);
        var batch = leads.Select(f => new { id = (string)f["lead_id"]!, fields = f }).ToList();
        Assert.True((await client.PostAsJsonAsync("/v1/leads/score-batch?explain=false", new { leads = batch })).IsSuccessStatusCode);
        foreach (var lead in leads)
        {
            var stage = (string)lead["became_sql"]! == "1" ? "SQL" : (string)lead["became_mql"]! == "1" ? "MQL" : "Disqualified";
            Assert.True((await client.PostAsJsonAsync("/v1/outcomes", new { leadId = lead["lead_id"], stage })).IsSuccessStatusCode);
        }

        // The log stores scores in the background: two per lead, one for each outcome.
        await api.Services.GetRequiredService<PredictiveLeads.Api.Storage.PredictionLog>().UntilWritten(2 * leads.Count);
        using var monitoring = JsonDocument.Parse(await client.GetStringAsync("/v1/monitoring"));
        var sql = monitoring.RootElement.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == "became_sql");

        Assert.Equal(400, sql.GetProperty("leadsWithOutcome").GetInt32());
        Assert.InRange(sql.GetProperty("modelRocAuc").GetDouble(), 0.7, 1);
        Assert.InRange(sql.GetProperty("rulesRocAuc").GetDouble(), 0.5, 1);
        Assert.InRange(sql.GetProperty("drift").GetProperty("psi").GetDouble(), 0, 0.5);
        Assert.Equal(400, sql.GetProperty("drift").GetProperty("scoresCompared").GetInt32());
        var week = Assert.Single(sql.GetProperty("weekly").EnumerateArray());
        Assert.Equal(400, week.GetProperty("leads").GetInt32());
        Assert.Equal(sql.GetProperty("modelRocAuc").GetDouble(), week.GetProperty("modelRocAuc").GetDouble(), 6);
        Assert.Equal(DayOfWeek.Monday, DateTime.Parse(week.GetProperty("week").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek);

        var csv = (await (await api.Client(ApiFactory.AdminKey).GetAsync("/v1/export")).Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("lead_id,account_id,scored_at,model_version,rule_points,rule_stage,became_mql_probability,became_sql_probability,became_mql,became_sql", csv[0]);
        Assert.Equal(401, csv.Length);
    }

    [Fact]
    public async Task Monitoring_counts_the_records_of_a_run_that_died_with_them_queued_once_it_has_been_silent_a_minute()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        using var api = new ApiFactory(clock: clock);
        var client = api.Client();
        using var before = JsonDocument.Parse(await client.GetStringAsync("/v1/monitoring"));
        var store = new SqlitePredictionStore(Path.Combine(api.DataDirectory, "predictiveleads.db"));

        await Storage.PredictionLogTests.KillWithQueuedRecords(store, clock, received: 2_003);
        using var atOnce = JsonDocument.Parse(await client.GetStringAsync("/v1/monitoring"));
        clock.Advance(TimeSpan.FromMinutes(2));
        using var later = JsonDocument.Parse(await client.GetStringAsync("/v1/monitoring"));

        Assert.Equal(0, before.RootElement.GetProperty("logging").GetProperty("runsStoppedWithQueuedRecords").GetInt64());
        Assert.Equal(0, atOnce.RootElement.GetProperty("logging").GetProperty("runsStoppedWithQueuedRecords").GetInt64());
        Assert.Equal(1, later.RootElement.GetProperty("logging").GetProperty("runsStoppedWithQueuedRecords").GetInt64());
        Assert.Equal(3, later.RootElement.GetProperty("logging").GetProperty("lostWhenStopped").GetInt64());
    }
}
