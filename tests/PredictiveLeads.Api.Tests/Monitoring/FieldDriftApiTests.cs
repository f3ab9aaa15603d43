using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PredictiveLeads.Api.Monitoring;
using PredictiveLeads.Api.Tests.Webhooks;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Tests.Monitoring;

/// <summary>Drift per field: the sample's leads scored as they are, and with one field shifted on purpose.</summary>
public sealed class FieldDriftApiTests
{
    private const int Leads = 1000;

    [Fact]
    public async Task Sample_leads_as_exported_drift_in_no_field()
    {
        using var api = new ApiFactory();
        var client = api.Client();

        await ScoreBatch(client, SampleLeads.First(Leads));
        var fields = await FieldDrift(client);

        Assert.Equal(22, fields.Count);
        Assert.All(fields, f => Assert.Equal(Leads, f.GetProperty("leads").GetInt64()));
        Assert.All(fields, f => Assert.True(f.GetProperty("psi").GetDouble() < 0.1, $"{f.GetProperty("field")}: PSI {f.GetProperty("psi")}"));
    }

    [Fact]
    public async Task A_field_shifted_on_purpose_comes_first_and_is_announced_once_as_model_drift()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = new ApiFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Webhooks:Endpoints:0:Url"] = receiver.Url,
                ["Webhooks:Endpoints:0:Secret"] = "whsec-test-0123456789",
                ["Webhooks:Endpoints:0:Events:0"] = WebhookEventTypes.ModelDrift,
                ["Drift:MinimumLeads"] = "500",
            },
        };
        var client = api.Client();
        var leads = SampleLeads.First(Leads);
        foreach (var lead in leads)
        {
            if (lead["session_minutes"] is string minutes)
                lead["session_minutes"] = (4 * double.Parse(minutes, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
        }

        await ScoreBatch(client, leads);
        var fields = await FieldDrift(client);
        var tracker = api.Services.GetRequiredService<FieldDriftTracker>();
        await tracker.FlushAsync(CancellationToken.None);
        await tracker.FlushAsync(CancellationToken.None);
        var drift = await receiver.Until(r => r.Type == WebhookEventTypes.ModelDrift);

        Assert.Equal("session_minutes", fields[0].GetProperty("field").GetString());
        Assert.True(fields[0].GetProperty("psi").GetDouble() > 0.25, $"PSI {fields[0].GetProperty("psi")}");
        Assert.True(fields[1].GetProperty("psi").GetDouble() < 0.1, $"{fields[1].GetProperty("field")}: PSI {fields[1].GetProperty("psi")}");
        Assert.StartsWith("large shift", fields[0].GetProperty("reading").GetString());
        Assert.Equal("session_minutes", drift.Json.GetProperty("field").GetString());
        Assert.Equal(fields[0].GetProperty("psi").GetDouble(), drift.Json.GetProperty("new").GetDouble(), 6);
        Assert.Equal(Leads, drift.Json.GetProperty("scoredLeads").GetInt64());
        Assert.Single(receiver.Received);
        var stored = await client.GetFromJsonAsync<JsonElement>("/v1/monitoring");
        Assert.Equal(fields[0].GetProperty("psi").GetDouble(), stored.GetProperty("fieldDrift").GetProperty("fields")[0].GetProperty("psi").GetDouble(), 9);
    }

    private static async Task ScoreBatch(HttpClient client, List<Dictionary<string, object?>> leads)
    {
        var response = await client.PostAsJsonAsync("/v1/leads/score-batch?explain=false", new { leads = leads.Select(l => new { id = l["lead_id"], fields = l }) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("failed").GetInt32());
    }

    private static async Task<List<JsonElement>> FieldDrift(HttpClient client)
    {
        var monitoring = await client.GetFromJsonAsync<JsonElement>("/v1/monitoring");
        var drift = monitoring.GetProperty("fieldDrift");
        Assert.Equal(JsonValueKind.Null, drift.GetProperty("unavailable").ValueKind);
        return [.. drift.GetProperty("fields").EnumerateArray()];
    }
}
