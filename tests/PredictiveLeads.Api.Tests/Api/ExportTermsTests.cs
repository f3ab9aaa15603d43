using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PredictiveLeads.Scoring.Schema;

namespace PredictiveLeads.Api.Tests.Api;

/// <summary>A model trained on any export is served in that export's terms: its outcome names, its way of writing numbers.</summary>
public sealed class ExportTermsTests : IDisposable
{
    private readonly ApiFactory _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Outcomes_are_recorded_by_the_bundle_s_own_names_and_a_stage_it_cannot_use_is_refused()
    {
        await _api.ServeTrained(SyntheticData.Leads(1500, seed: 3), new ExportSchema { Id = "Lead Id", Outcomes = ["converted"] });
        var client = _api.Client();
        var scored = await client.PostAsJsonAsync("/v1/leads/score", new { id = "L-1", fields = new { industry = "Software", seniority = "VP", visits = 4, demo = "Yes" } });
        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);

        var byStage = await client.PostAsJsonAsync("/v1/outcomes", new { leadId = "L-1", stage = "SQL" });
        var byName = await client.PostAsJsonAsync("/v1/outcomes", new { leadId = "L-1", outcome = "converted", value = true });
        var unknown = await client.PostAsJsonAsync("/v1/outcomes", new { leadId = "L-1", outcome = "Converted2", value = true });
        var noValue = await client.PostAsJsonAsync("/v1/outcomes", new { leadId = "L-1", outcome = "converted" });

        Assert.Equal(HttpStatusCode.BadRequest, byStage.StatusCode);
        var problem = await byStage.Content.ReadAsStringAsync();
        Assert.Contains("SQL labels no outcome of the served model", problem);
        Assert.Contains("converted (by name only)", problem);
        Assert.Equal(HttpStatusCode.Created, byName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'Converted2' is not an outcome of the served model", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noValue.StatusCode);

        using var history = JsonDocument.Parse(await client.GetStringAsync("/v1/leads/L-1/history"));
        var recorded = history.RootElement.GetProperty("outcomes").EnumerateArray().Single();
        Assert.Equal("converted", recorded.GetProperty("outcome").GetString());
        Assert.True(recorded.GetProperty("value").GetBoolean());
        await _api.Services.GetRequiredService<PredictiveLeads.Api.Storage.PredictionLog>().UntilWritten(1);
        using var monitoring = JsonDocument.Parse(await _api.Client(ApiFactory.AdminKey).GetStringAsync("/v1/monitoring"));
        Assert.Equal(1, monitoring.RootElement.GetProperty("outcomes")[0].GetProperty("leadsWithOutcome").GetInt32());
        using var card = JsonDocument.Parse(await client.GetStringAsync("/v1/models/current"));
        Assert.Contains("\"outcome\": \"converted\", \"value\": true", card.RootElement.GetProperty("outcomes")[0].GetProperty("recordWith").GetString());
    }

    [Fact]
    public async Task A_decimal_comma_export_s_model_reads_json_numbers_and_the_export_s_text_alike()
    {
        var text = new StringBuilder("lead_id;fit;converted\n");
        var random = new Random(5);
        for (var i = 0; i < 3000; i++)
        {
            var fit = Math.Round(random.NextDouble(), 3);
            text.Append(CultureInfo.InvariantCulture, $"L{i};{fit.ToString(CultureInfo.InvariantCulture).Replace('.', ',')};{(random.NextDouble() < fit ? 1 : 0)}\n");
        }
        await _api.ServeTrained(text.ToString(), new ExportSchema { Id = "lead_id", Outcomes = ["converted"] });
        var client = _api.Client();

        var asNumber = await Probability(client, 0.875);
        var asExportText = await Probability(client, "0,875");
        var asPlainText = await Probability(client, "0.875");

        Assert.Equal(asNumber, asExportText);
        Assert.Equal(asNumber, asPlainText);
        Assert.NotEqual(asNumber, await Probability(client, 0.1));
    }

    private static async Task<double> Probability(HttpClient client, object fit)
    {
        var response = await client.PostAsJsonAsync("/v1/leads/score", new { id = "L", fields = new Dictionary<string, object> { ["fit"] = fit } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("outcomes")[0].GetProperty("probability").GetDouble();
    }
}
