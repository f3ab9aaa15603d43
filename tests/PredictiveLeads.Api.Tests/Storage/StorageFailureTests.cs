using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PredictiveLeads.Api.Tests.Storage;

/// <summary>When the database stops taking writes, callers get a 503 they can retry and readiness says why; a bad model pointer at start does not leave the service empty.</summary>
public sealed class StorageFailureTests
{
    [Fact]
    public async Task A_full_database_turns_outcomes_into_503s_with_retry_after_and_readiness_reports_it()
    {
        using var api = new ApiFactory { Settings = new Dictionary<string, string> { ["Storage:MaxDatabaseMegabytes"] = "1" } };
        var client = api.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 5_000 && refused is null; i++)
        {
            var response = await client.PostAsJsonAsync("/v1/outcomes", new { leadId = $"lead-{i:D6}", stage = "Disqualified", disqualificationReason = new string('r', 1_000) });
            if (response.StatusCode != HttpStatusCode.Created)
                refused = response;
        }
        var ready = await client.GetAsync("/health/ready");

        Assert.NotNull(refused);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Storage unavailable", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("full", problem.RootElement.GetProperty("detail").GetString());
        Assert.DoesNotContain(api.DataDirectory, problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("full", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_start_whose_current_names_a_corrupt_version_serves_the_newest_version_that_loads_and_readiness_says_so()
    {
        using var api = new ApiFactory();
        await api.PublishUnreadable("v0002");
        await File.WriteAllTextAsync(Path.Combine(api.Registry, "default", "current"), "v0002\n");
        var client = api.Client();

        var scored = await client.PostAsJsonAsync("/v1/leads/score", Api.LeadsApiTests.HotLead());
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        using var json = JsonDocument.Parse(await scored.Content.ReadAsStringAsync());
        Assert.Equal("default/v0001", json.RootElement.GetProperty("modelVersion").GetString());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var status = await ready.Content.ReadAsStringAsync();
        Assert.Contains("Degraded", status);
    }
}
