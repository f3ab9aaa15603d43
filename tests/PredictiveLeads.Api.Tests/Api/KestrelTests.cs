using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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

        var failures = 0;
        var versions = new SeenVersions();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.PostAsJsonAsync("/v1/leads/score", LeadsApiTests.HotLead());
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                versions.Saw(json.RootElement.GetProperty("modelVersion").GetString()!);
            }
        })).ToList();

        await versions.First("v0001");
        ApiFactory.CopyDirectory(Path.Combine(api.Registry, "default", "v0001"), Path.Combine(api.Registry, "default", "v0002"));
        await File.WriteAllTextAsync(Path.Combine(api.Registry, "default", "current"), "v0002\n");
        await versions.First("v0002");
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Equal(0, failures);
        Assert.True(versions.Contains("v0001") && versions.Contains("v0002"));
    }
}
