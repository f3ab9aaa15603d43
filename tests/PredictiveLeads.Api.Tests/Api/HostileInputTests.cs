using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Tests.Api;

/// <summary>What a careless or hostile client sends: huge or invisible-character ids, formulas in ids, ids with slashes.</summary>
public sealed class HostileInputTests : IClassFixture<ApiFactoryFixture>
{
    private readonly ApiFactory _api;

    public HostileInputTests(ApiFactoryFixture fixture) => _api = fixture.Api;

    public static TheoryData<string, object, string, string> Refused => new()
    {
        { "/v1/leads/score", new { id = new string('x', 257), fields = new { industry = "Software" } }, "id", "is 257 characters long; at most 256" },
        { "/v1/leads/score", new { id = "ok", accountId = "acme\u202Egnp.exe", fields = new { industry = "Software" } }, "accountId", "bidirectional formatting character (U+202E) at position 5" },
        { "/v1/accounts/score", new { accountId = new string('a', 300), contacts = new[] { new { id = "c1", fields = new { industry = "Software" } } } }, "accountId", "is 300 characters long" },
        { "/v1/outcomes", new { leadId = "lead\u0000", stage = "MQL" }, "leadId", "control character (U+0000)" },
        { "/v1/outcomes", new { leadId = "lead-1", stage = "Disqualified", disqualificationReason = new string('r', 1001) }, "disqualificationReason", "is 1,001 characters long; at most 1,000" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Overlong_ids_and_reasons_and_control_or_bidirectional_characters_are_a_400_naming_the_field(string path, object body, string field, string expected)
    {
        var response = await _api.Client().PostAsJsonAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var problems = json.RootElement.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(problems, p => p!.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_item_with_a_bad_id_gets_its_own_error()
    {
        var leads = new[] { new { id = "a\u0007b", fields = new { industry = "Software" } }, new { id = "fine", fields = new { industry = "Software" } } };

        var response = await _api.Client().PostAsJsonAsync("/v1/leads/score-batch", new { leads });

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, json.RootElement.GetProperty("failed").GetInt32());
        var error = json.RootElement.GetProperty("results")[0].GetProperty("error").GetProperty("errors").GetProperty("leads[0].id")[0].GetString();
        Assert.Contains("control character (U+0007) at position 2", error);
    }

    [Fact]
    public async Task An_id_of_exactly_256_characters_is_stored()
    {
        var id = new string('7', 256);

        var response = await _api.Client().PostAsJsonAsync("/v1/outcomes", new { leadId = id, stage = "MQL" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_lead_id_with_a_slash_is_found_again_by_following_the_Location_header()
    {
        const string id = "acme/0042";
        using var api = new ApiFactory();
        var client = api.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/leads/score", new { id, fields = new { industry = "Software" } })).StatusCode);
        await api.Services.GetRequiredService<PredictionLog>().UntilWritten(2);

        var recorded = await client.PostAsJsonAsync("/v1/outcomes", new { leadId = id, stage = "MQL" });
        var history = await client.GetAsync(recorded.Headers.Location);

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal("/v1/leads/acme%2F0042/history", recorded.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        using var json = JsonDocument.Parse(await history.Content.ReadAsStringAsync());
        Assert.Equal(id, json.RootElement.GetProperty("leadId").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("predictions").GetArrayLength());
        Assert.Equal("MQL", json.RootElement.GetProperty("outcomes")[0].GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised_in_csv_answers_and_the_export()
    {
        const string formula = "=HYPERLINK(\"http://evil.example\",\"x\")";
        var body = "lead_id,account_id,industry\n" + $"\"{formula.Replace("\"", "\"\"", StringComparison.Ordinal)}\",@acme,Software\n" + "-42,+acct,Software\n";

        using var api = new ApiFactory();
        var batch = await api.Client().PostAsync("/v1/leads/score-batch", new StringContent(body, Encoding.UTF8, "text/csv"));
        await api.Services.GetRequiredService<PredictionLog>().UntilWritten(4);
        var export = await api.Client(ApiFactory.AdminKey).GetStringAsync("/v1/export");

        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var lines = (await batch.Content.ReadAsStringAsync()).Split('\n');
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",", lines[1]);
        Assert.StartsWith("\"'-42\",", lines[2]);
        Assert.Contains("\n\"'=HYPERLINK(", export);
        Assert.Contains(",\"'@acme\",", export);
        Assert.Contains("\n\"'-42\",\"'+acct\",", export);
        Assert.DoesNotContain("\n=", export);
    }
}
