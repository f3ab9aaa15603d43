using System.Net.Http.Json;
using System.Text.Json;

namespace PredictiveLeads.Api.Tests.Api;

/// <summary>Four callers score without pause while the registry's current version moves from v0001 to v0002, a copy of it.</summary>
internal static class VersionSwapUnderLoad
{
    /// <summary>Returns how many scorings failed and which versions answered.</summary>
    public static async Task<(int Failures, SeenVersions Versions)> Run(HttpClient client, ApiFactory api)
    {
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
                versions.Saw(json.RootElement.GetProperty("modelVersion").GetString()!.Split('/')[^1]);
            }
        })).ToList();

        await versions.First("v0001");
        ApiFactory.CopyDirectory(Path.Combine(api.Registry, "default", "v0001"), Path.Combine(api.Registry, "default", "v0002"));
        await File.WriteAllTextAsync(Path.Combine(api.Registry, "default", "current"), "v0002\n");
        await versions.First("v0002");
        await stop.CancelAsync();
        await Task.WhenAll(load);
        return (failures, versions);
    }
}
