using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace PredictiveLeads.Api.Tests.Api;

public sealed class MonitoringApiTests
{
    [Fact]
    public async Task Monitoring_compares_model_and_rules_on_leads_with_known_outcomes_and_reports_drift()
    {
        using var api = new ApiFactory();
        var client = api.Client();
        var sample = File.ReadLines(Path.Combine(RepositoryRoot.Path, "training-data", "sample-leads.csv")).Take(401).ToList();
        var header = sample[0].Split(',');
        var leads = sample.Skip(1).Select(line => header.Zip(line.Split(',')).ToDictionary(p => p.First, p => (object?)(p.Second.Length == 0 ? null : p.Second))).ToList();
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
}
