using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace PredictiveLeads.Api.Tests.Api;

public sealed class ModelsApiTests
{
    [Fact]
    public async Task The_model_card_describes_version_metrics_and_fields()
    {
        using var api = new ApiFactory();

        using var json = JsonDocument.Parse(await api.Client().GetStringAsync("/v1/models/current"));

        var card = json.RootElement;
        Assert.Equal("v0001", card.GetProperty("version").GetString());
        Assert.True(card.TryGetProperty("trainedAt", out _));
        var sql = card.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == "became_sql");
        Assert.InRange(sql.GetProperty("model").GetProperty("rocAuc").GetDouble(), 0.7, 1);
        Assert.InRange(sql.GetProperty("rules").GetProperty("rocAuc").GetDouble(), 0.5, 1);
        var industry = card.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "industry");
        Assert.Equal("categorical", industry.GetProperty("kind").GetString());
        Assert.Contains("Software", industry.GetProperty("levels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("SQL", sql.GetProperty("stage").GetString());
        Assert.Equal(4000, sql.GetProperty("workload").GetProperty("testLeads").GetInt32());
        Assert.Equal(4000, card.GetProperty("split").GetProperty("testRows").GetInt32());
        Assert.Equal(20000, card.GetProperty("data").GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task The_model_card_is_typed_in_the_openapi_document_with_the_funnel_stages()
    {
        using var api = new ApiFactory();

        using var json = JsonDocument.Parse(await api.Client().GetStringAsync("/openapi/v1.json"));

        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");
        var card = schemas.GetProperty("ModelCardResponse").GetProperty("properties");
        Assert.True(card.TryGetProperty("outcomes", out _));
        var outcome = schemas.GetProperty("ModelCardOutcome").GetProperty("properties");
        Assert.True(outcome.TryGetProperty("workload", out _));
        var stages = schemas.GetProperty("FunnelStage").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["Lead", "MQL", "SQL", "Opportunity", "Won", "Lost", "Disqualified"], stages);
    }

    [Fact]
    public async Task A_new_version_is_picked_up_without_restart_and_no_request_fails_meanwhile()
    {
        using var api = new ApiFactory();
        var client = api.Client();
        var (failures, versions) = await VersionSwapUnderLoad.Run(client, api);

        Assert.Equal(0, failures);
        Assert.True(versions.Contains("v0001") && versions.Contains("v0002"));
    }

    [Fact]
    public async Task A_corrupt_version_is_refused_and_the_previous_one_keeps_serving()
    {
        using var api = new ApiFactory();
        var client = api.Client();
        var broken = Path.Combine(api.Registry, "default", "v0002");
        ApiFactory.CopyDirectory(Path.Combine(api.Registry, "default", "v0001"), broken);
        await File.WriteAllTextAsync(Path.Combine(broken, "became_sql.model.json"), "{\"format\": \"predictiveleads.binary-model\", \"formatVersion\": 1, \"trees\": [");

        await File.WriteAllTextAsync(Path.Combine(api.Registry, "default", "current"), "v0002\n");
        var host = api.Services.GetRequiredService<PredictiveLeads.Api.Hosting.ModelHost>();
        await host.UntilRefused("became_sql.model.json");

        Assert.Contains("became_sql.model.json", host.LastError);
        Assert.Equal("v0001", await Version(client));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/leads/score", LeadsApiTests.HotLead())).StatusCode);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("foreign")]
    [InlineData("another model's")]
    public async Task A_version_with_a_bad_ML_NET_model_file_is_refused_and_the_previous_one_keeps_serving(string damage)
    {
        using var api = new ApiFactory();
        var client = api.Client();
        var broken = Path.Combine(api.Registry, "default", "v0002");
        ApiFactory.CopyDirectory(Path.Combine(api.Registry, "default", "v0001"), broken);
        var zip = Path.Combine(broken, "became_sql.mlnet.zip");
        switch (damage)
        {
            case "truncated":
                var bytes = await File.ReadAllBytesAsync(zip);
                await File.WriteAllBytesAsync(zip, bytes[..(bytes.Length / 3)]);
                break;
            case "foreign":
                File.Delete(zip);
                using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
                    archive.CreateEntry("model.onnx");
                break;
            default:
                File.Copy(Path.Combine(broken, "became_mql.mlnet.zip"), zip, overwrite: true);
                break;
        }

        await File.WriteAllTextAsync(Path.Combine(api.Registry, "default", "current"), "v0002\n");
        var host = api.Services.GetRequiredService<PredictiveLeads.Api.Hosting.ModelHost>();
        await host.UntilRefused("became_sql.mlnet.zip");

        Assert.Contains("became_sql.mlnet.zip", host.LastError);
        Assert.Equal("v0001", await Version(client));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/leads/score", LeadsApiTests.HotLead())).StatusCode);
    }

    [Fact]
    public async Task An_admin_key_activates_a_version_and_a_listing_shows_it()
    {
        using var api = new ApiFactory();
        ApiFactory.CopyDirectory(Path.Combine(api.Registry, "default", "v0001"), Path.Combine(api.Registry, "default", "v0002"));
        var admin = api.Client(ApiFactory.AdminKey);

        var activated = await admin.PostAsJsonAsync("/v1/models/default/v0002/activate", new { reason = "test" });
        var unknown = await admin.PostAsJsonAsync("/v1/models/default/v0099/activate", new { reason = "test" });
        using var list = JsonDocument.Parse(await admin.GetStringAsync("/v1/models"));

        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("v0002", list.RootElement.GetProperty("serving").GetString());
        Assert.Equal(["v0001", "v0002"], list.RootElement.GetProperty("models")[0].GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Activating_a_version_that_does_not_load_is_a_409_naming_the_file_and_the_served_version_stays()
    {
        using var api = new ApiFactory();
        await api.PublishUnreadable("v0002");
        var admin = api.Client(ApiFactory.AdminKey);

        var response = await admin.PostAsJsonAsync("/v1/models/default/v0002/activate", new { reason = "test" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("became_sql.model.json", await response.Content.ReadAsStringAsync());
        Assert.Equal("v0001", await Version(admin));
        Assert.Equal("v0001", (await File.ReadAllTextAsync(Path.Combine(api.Registry, "default", "current"))).Trim());
    }

    private static async Task<string?> Version(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/v1/models/current")).RootElement.GetProperty("version").GetString();
}
