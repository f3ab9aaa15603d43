using System.Net;
using System.Net.Http.Json;

namespace PredictiveLeads.Api.Tests.Api;

/// <summary>The service on a real Kestrel listening on 127.0.0.1, called over real sockets.</summary>
[Trait("Category", "Slow")]
public sealed class KestrelTests
{
    [Fact]
    public async Task A_real_server_on_loopback_scores_authenticates_and_swaps_versions_under_load()
    {
        using var api = new ApiFactory();
        using var client = new HttpClient { BaseAddress = api.StartOnLoopback() };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.ScoreKey);

        using var anonymous = new HttpClient { BaseAddress = client.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/v1/leads/score", LeadsApiTests.HotLead())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);

        var (failures, versions) = await VersionSwapUnderLoad.Run(client, api);

        Assert.Equal(0, failures);
        Assert.True(versions.Contains("v0001") && versions.Contains("v0002"));
    }
}
